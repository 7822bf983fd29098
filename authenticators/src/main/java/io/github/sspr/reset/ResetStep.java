package io.github.sspr.reset;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What the four reset steps have in common as Keycloak authenticators: none needs a user to run (the decoy path has
 * none — each step checks the flow's own state instead), none is "configured for" a user, and none sets up anything.
 */
abstract class ResetStep implements Authenticator {

    protected final KeycloakSession session;

    ResetStep(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public final boolean requiresUser() {
        return false;
    }

    @Override
    public final boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public final void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    public void close() {}
}
