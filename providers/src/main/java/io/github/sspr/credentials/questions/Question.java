package io.github.sspr.credentials.questions;

import java.util.Objects;
import java.util.function.Function;

/**
 * A question a user may register an answer for: either from the predefined bank (localized through its message key)
 * or written by the realm's admin (shown as written).
 *
 * @param id stable id stored in the user's credential
 * @param messageKey the theme message key of a predefined question; {@code null} for a custom one
 * @param customText the admin's text of a custom question; {@code null} for a predefined one
 */
public record Question(String id, String messageKey, String customText) {

    public Question {
        Objects.requireNonNull(id, "id");
        if ((messageKey == null) == (customText == null)) {
            throw new IllegalArgumentException("a question has either a message key or a custom text");
        }
    }

    public boolean isCustom() {
        return customText != null;
    }

    /** The text to show: a custom question as written, a predefined one looked up in {@code messages}. */
    public String text(Function<String, String> messages) {
        return isCustom() ? customText : messages.apply(messageKey);
    }
}
