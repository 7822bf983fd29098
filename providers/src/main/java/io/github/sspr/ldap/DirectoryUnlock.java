package io.github.sspr.ldap;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStorageProvider;

/**
 * The reset flow's unlock step, directory side: after a successful reset, clears the user's lockout in the directory
 * (AD lockoutTime, OpenLDAP pwdAccountLockedTime) when the user's {@code sspr-ldap} component says so.
 */
public final class DirectoryUnlock {

    private static final Logger LOG = Logger.getLogger(DirectoryUnlock.class);

    public enum Outcome {
        /** Not a user of an {@code sspr-ldap} component: nothing to do in a directory. */
        NOT_FEDERATED,
        /** The component has "Unlock on reset" off. */
        SWITCHED_OFF,
        /** The directory holds no lockout now (whether there was one: {@link Report#wasLocked()}). */
        UNLOCKED,
        /** The directory refused or did not answer; the raw code is logged. The password reset itself stands. */
        FAILED
    }

    /**
     * What {@link #unlock} did. {@code wasLocked}: the directory account was locked out when the reset ended (and is
     * not now); false for every outcome but {@link Outcome#UNLOCKED}.
     */
    public record Report(Outcome outcome, boolean wasLocked) {}

    private DirectoryUnlock() {}

    /** The reset flow's unlock step; the same as {@link #unlock} without the "was it locked" detail. */
    public static Outcome afterReset(KeycloakSession session, RealmModel realm, UserModel user) {
        return unlock(session, realm, user).outcome();
    }

    /**
     * As {@link #afterReset}, and says whether the directory account was locked — for the reset flow's message ("your
     * account is unlocked") and its event. Call it only after the new password is written.
     */
    public static Report unlock(KeycloakSession session, RealmModel realm, UserModel user) {
        String link = user.getFederationLink();
        ComponentModel model = link == null ? null : realm.getComponent(link);
        if (model == null || !SsprLdapStorageProviderFactory.PROVIDER_ID.equals(model.getProviderId())) {
            return new Report(Outcome.NOT_FEDERATED, false);
        }
        if (!LdapConfig.from(model).unlockOnReset()) {
            return new Report(Outcome.SWITCHED_OFF, false);
        }
        SsprLdapStorageProviderFactory factory = (SsprLdapStorageProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(UserStorageProvider.class, SsprLdapStorageProviderFactory.PROVIDER_ID);
        SsprLdapStorageProvider provider = factory.create(session, model);
        try {
            return new Report(Outcome.UNLOCKED, provider.unlockAfterReset(user));
        } catch (DirectoryException e) {
            LOG.warnf("sspr-ldap %s: unlock after reset failed: %s (%s)", model.getName(), e.failure(), e.rawCode());
            return new Report(Outcome.FAILED, false);
        }
    }
}
