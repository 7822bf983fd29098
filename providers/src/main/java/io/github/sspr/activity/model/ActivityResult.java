package io.github.sspr.activity.model;

import java.util.Locale;
import java.util.Optional;

/** How an activity ended. Stored by {@link #id()}, never by ordinal. */
public enum ActivityResult {
    SUCCEEDED,
    FAILED,
    BLOCKED,
    CANCELLED,
    ABANDONED,
    CONTACTED_HELPDESK,
    /**
     * The account's owner answered a notification with "This wasn't me": the recorded change was not theirs. The
     * dashboard highlights these rows; a helpdesk should follow each one up.
     */
    REPORTED_NOT_ME;

    /** The stable id used in the database, the REST API and CSV, e.g. {@code contacted-helpdesk}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ActivityResult> fromId(String id) {
        for (ActivityResult result : values()) {
            if (result.id().equals(id)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }
}
