package io.github.sspr.throttle;

import java.util.Locale;

/**
 * The admin's filters on the blocks list (docs/throttles.md, "Seeing and lifting blocks"): by user — the account's id,
 * or its username without regard to case — and by reason, the rule's id. A blank filter lets everything through.
 *
 * @param user a user id or username, or blank
 * @param reason a rule id (e.g. {@code gate-failures}), or blank
 */
public record BlockFilter(String user, String reason) {

    /** Whether a row of {@code rule}, set for the account {@code userId} named {@code username}, passes. */
    public boolean matches(String userId, String username, String rule) {
        if (!blank(reason) && !reason.strip().equals(rule)) {
            return false;
        }
        if (blank(user)) {
            return true;
        }
        String wanted = user.strip();
        return wanted.equals(userId)
                || (username != null && wanted.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
