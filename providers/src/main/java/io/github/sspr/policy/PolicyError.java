package io.github.sspr.policy;

import java.util.Objects;

/**
 * A rejected policy value, for the admin who entered it.
 *
 * @param field the configuration key (see {@link SsprPolicyConfig})
 * @param message what is wrong and what is allowed, in plain English
 */
public record PolicyError(String field, String message) {

    public PolicyError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
