package io.github.sspr.flow;

import java.util.List;

/**
 * A message on a page, decided by a flow's machine and rendered by its adapter: a message key with its parameters,
 * attached to a form field, or shown as a banner when {@code field} is {@code null}.
 */
public record Msg(String field, String key, List<Object> params, Level level) {

    /** How the page shows it. */
    public enum Level {
        ERROR,
        INFO,
        SUCCESS
    }

    public static Msg error(String field, String key, Object... params) {
        return new Msg(field, key, List.of(params), Level.ERROR);
    }

    public static Msg info(String key, Object... params) {
        return new Msg(null, key, List.of(params), Level.INFO);
    }

    public static Msg success(String key, Object... params) {
        return new Msg(null, key, List.of(params), Level.SUCCESS);
    }

    public boolean error() {
        return level == Level.ERROR;
    }
}
