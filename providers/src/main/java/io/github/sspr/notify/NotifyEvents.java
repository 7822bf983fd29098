package io.github.sspr.notify;

import io.github.sspr.activity.ActivityEvents;
import io.github.sspr.activity.model.ActivityType;
import java.util.Map;
import java.util.Optional;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;

/**
 * Which Keycloak events the {@code sspr-notify} listener turns into notices. Pure, for unit tests.
 *
 * <p>Registration and the SSPR reset flow call {@link Notifier} themselves (they know what the event does not: the old
 * recovery address, the gates passed); this listener covers what happens outside our code: a password change the user
 * makes (account console, {@code kc_action=UPDATE_PASSWORD}, an expired or temporary password), and an admin's reset.
 */
final class NotifyEvents {

    private NotifyEvents() {}

    /**
     * A password change by the user, outside the reset flow. Keycloak reports each change as UPDATE_CREDENTIAL and as
     * the legacy UPDATE_PASSWORD; only the first counts, so one change makes one mail.
     */
    static boolean isPasswordChange(Event event, boolean inResetFlow) {
        if (event == null
                || event.getType() != EventType.UPDATE_CREDENTIAL
                || event.getError() != null
                || event.getUserId() == null
                || inResetFlow) {
            return false;
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        return ActivityEvents.PASSWORD.equals(details.get(Details.CREDENTIAL_TYPE));
    }

    /**
     * What a password change tells the user: a change of their own, or — when SSPR's change page ran behind an
     * administrator's reset link ({@code sspr_type=admin-reset}) — an admin's reset.
     */
    static Notifier.Kind kindOf(Event event) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        return ActivityType.ADMIN_RESET.id().equals(details.get(ActivityEvents.DETAIL_TYPE))
                ? Notifier.Kind.ADMIN_RESET
                : Notifier.Kind.PASSWORD_CHANGED;
    }

    /** The user whose password an admin reset, when the event is a successful admin reset. */
    static Optional<String> adminResetUser(AdminEvent event) {
        if (event == null || event.getError() != null) {
            return Optional.empty();
        }
        return ActivityEvents.adminResetUserId(event);
    }

    /** Whether the admin reset their own password (same user, same realm): then every realm admin is told. */
    static boolean isSelfReset(AdminEvent event, String userId) {
        AuthDetails auth = event.getAuthDetails();
        return auth != null
                && userId != null
                && userId.equals(auth.getUserId())
                && event.getRealmId() != null
                && event.getRealmId().equals(auth.getRealmId());
    }
}
