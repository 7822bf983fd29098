package io.github.sspr.credentials.questions;

import java.util.List;
import java.util.Objects;

/**
 * A problem with one form field, for the page to show next to it.
 *
 * @param field the form field, e.g. {@code answer-1} (positions count from 0)
 * @param messageKey theme message key (prefix {@code sspr.})
 * @param params the message's {@code {0}}, {@code {1}} … values
 */
public record FieldError(String field, String messageKey, List<Object> params) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(messageKey, "messageKey");
        params = params == null ? List.of() : List.copyOf(params);
    }

    public FieldError(String field, String messageKey) {
        this(field, messageKey, List.of());
    }
}
