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
        UNLOCKED,
        /** The directory refused or did not answer; the raw code is logged. The password reset itself stands. */
        FAILED
    }

    private DirectoryUnlock() {}

    public static Outcome afterReset(KeycloakSession session, RealmModel realm, UserModel user) {
        String link = user.getFederationLink();
        ComponentModel model = link == null ? null : realm.getComponent(link);
        if (model == null || !SsprLdapStorageProviderFactory.PROVIDER_ID.equals(model.getProviderId())) {
            return Outcome.NOT_FEDERATED;
        }
        SsprLdapStorageProviderFactory factory = (SsprLdapStorageProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(UserStorageProvider.class, SsprLdapStorageProviderFactory.PROVIDER_ID);
        SsprLdapStorageProvider provider = factory.create(session, model);
        if (!LdapConfig.from(model).unlockOnReset()) {
            return Outcome.SWITCHED_OFF;
        }
        try {
            provider.unlockAfterReset(user);
            return Outcome.UNLOCKED;
        } catch (DirectoryException e) {
            LOG.warnf("sspr-ldap %s: unlock after reset failed: %s (%s)", model.getName(), e.failure(), e.rawCode());
            return Outcome.FAILED;
        }
    }
}
