package io.github.sspr.notify;

import io.github.sspr.activity.ActivityEvents;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Notifies users of password changes and admin resets ({@link NotifyEvents} says which events). Keycloak calls it
 * inside the request; {@link Notifier} only schedules mails for after the commit, so nothing here slows or fails the
 * action, and every other event returns after one comparison.
 */
public class NotifyEventListenerProvider implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(NotifyEventListenerProvider.class);

    private final KeycloakSession session;

    public NotifyEventListenerProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event == null || event.getType() != org.keycloak.events.EventType.UPDATE_CREDENTIAL) {
            return;
        }
        try {
            if (!NotifyEvents.isPasswordChange(event, inResetFlow())) {
                return;
            }
            RealmModel realm = realm(event.getRealmId());
            UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
            Notifier.notifyUser(
                    session,
                    realm,
                    user,
                    Notifier.Notice.of(NotifyEvents.kindOf(event), event.getIpAddress(), List.of()));
        } catch (RuntimeException e) {
            LOG.warnf("SSPR: password-change notice failed: %s", e.getClass().getSimpleName());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        Optional<String> userId = NotifyEvents.adminResetUser(event);
        if (userId.isEmpty()) {
            return;
        }
        try {
            RealmModel realm = realm(event.getRealmId());
            UserModel user = realm == null ? null : session.users().getUserById(realm, userId.get());
            if (user == null) {
                return;
            }
            String ip = event.getAuthDetails() == null
                    ? null
                    : event.getAuthDetails().getIpAddress();
            Notifier.notifyUser(session, realm, user, Notifier.Notice.of(Notifier.Kind.ADMIN_RESET, ip, List.of()));
            if (NotifyEvents.isSelfReset(event, userId.get())) {
                Notifier.notifyAdmins(session, realm, user, ip, Notifier.AdminAlert.SELF_RESET);
            }
        } catch (RuntimeException e) {
            LOG.warnf("SSPR: admin-reset notice failed: %s", e.getClass().getSimpleName());
        }
    }

    private RealmModel realm(String realmId) {
        RealmModel realm = session.getContext().getRealm();
        return realm != null && realm.getId().equals(realmId)
                ? realm
                : session.realms().getRealm(realmId);
    }

    /** As the activity listener decides it: from the authentication session Keycloak already holds. */
    private boolean inResetFlow() {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        return authSession != null
                && ActivityEvents.isResetFlow(
                        authSession.getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH),
                        authSession.getRequiredActions(),
                        authSession.getClientNote(Constants.KC_ACTION));
    }

    @Override
    public void close() {}
}
