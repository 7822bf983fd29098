package io.github.sspr.config;

import java.util.Objects;

/**
 * A rejected setting value, for the admin who entered it.
 *
 * @param field the setting's key (see {@link Setting#key()})
 * @param message what is wrong and what is allowed, in plain English
 */
public record SettingError(String field, String message) {

    public SettingError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
