package io.github.sspr.reset;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Tells the user about a completed reset or unlock (wired to the notify package). */
final class ResetNotification {

    private ResetNotification() {}

    static void afterSuccess(KeycloakSession session, RealmModel realm, UserModel user, ResetState state, String ip) {
        // Wired to io.github.sspr.notify.Notifier once it lands (see the notify branch).
    }
}
