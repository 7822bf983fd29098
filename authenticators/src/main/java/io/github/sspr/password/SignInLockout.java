package io.github.sspr.password;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Keycloak's brute-force lockout of a user, lifted after a successful reset or an administrator's reset link (the
 * reset is how a locked-out user gets back in; docs/architecture.md, "One reset request").
 */
public final class SignInLockout {

    private SignInLockout() {}

    /** Clears Keycloak's record of failed sign-ins and a permanent lockout; returns whether the user was locked. */
    public static boolean clear(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        boolean temporarily = protector.isTemporarilyDisabled(session, realm, user);
        boolean permanently = protector.isPermanentlyLockedOut(session, realm, user);
        session.loginFailures().removeUserLoginFailure(realm, user.getId());
        if (permanently) {
            protector.cleanUpPermanentLockout(session, realm, user);
        }
        return temporarily || permanently;
    }
}
