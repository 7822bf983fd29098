package io.github.sspr.activity.model;

import java.util.Locale;
import java.util.Optional;

/** What a person (or an admin for them) set out to do. Stored by {@link #id()}, never by ordinal. */
public enum ActivityType {
    SELF_SERVICE_RESET,
    SELF_SERVICE_UNLOCK,
    /** A lost authenticator app, passkey or recovery-code sheet removed through the reset flow (docs/reset.md). */
    FACTOR_RESET,
    SELF_SERVICE_CHANGE,
    ADMIN_RESET,
    REGISTRATION,
    BLOCKED,
    /** A helpdesk agent checked a caller with a one-time code sent to the user's registered method. */
    HELPDESK_VERIFICATION,
    /** An admin lifted a throttle block (docs/throttles.md); the reason is the rule that had set it. */
    BLOCK_LIFTED,
    /** An admin invited a user who cannot reset to register recovery methods (docs/insight.md, "Nudge"). */
    REGISTRATION_INVITATION,
    /** A user was reminded that their password expires soon (docs/insight.md, "Password-expiry reminders"). */
    PASSWORD_EXPIRY_REMINDER;

    /** The stable id used in the database, the REST API and CSV, e.g. {@code self-service-reset}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ActivityType> fromId(String id) {
        for (ActivityType type : values()) {
            if (type.id().equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
