package io.github.sspr.it.ldap;

import io.github.sspr.ldap.DirectoryUnlock;
import io.github.sspr.ldap.SsprLdapStorageProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;

/**
 * Code the LDAP tests run inside Keycloak (the framework's run-on-server). Kept apart from the test classes so that the
 * server loads only Keycloak and {@code sspr-ldap} types (from the deployed JAR) when it loads these lambdas.
 */
final class OnServer {

    private OnServer() {}

    /** The reset flow's unlock step for {@code username}: "OUTCOME wasLocked", e.g. {@code "UNLOCKED true"}. */
    static FetchOnServer unlock(String realmName, String username) {
        return session -> {
            RealmModel realm = realm(session, realmName);
            UserModel user = session.users().getUserByUsername(realm, username);
            DirectoryUnlock.Report report = DirectoryUnlock.unlock(session, realm, user);
            return report.outcome().name() + " " + report.wasLocked();
        };
    }

    /** The signature the reset flow calls. */
    static FetchOnServer afterReset(String realmName, String username) {
        return session -> {
            RealmModel realm = realm(session, realmName);
            return DirectoryUnlock.afterReset(session, realm, session.users().getUserByUsername(realm, username))
                    .name();
        };
    }

    /** The directory lock state imported for {@code username} ("true" or "false"). */
    static FetchOnServer directoryLocked(String realmName, String username) {
        return session -> {
            RealmModel realm = realm(session, realmName);
            UserModel user = session.users().getUserByUsername(realm, username);
            return String.valueOf("true".equals(user.getFirstAttribute(SsprLdapStorageProvider.DIRECTORY_LOCKED)));
        };
    }

    /**
     * Registers a confirmed recovery email for {@code username} the way the registration action stores it (a user
     * imported from a directory has no admin-API way to get one).
     */
    static org.keycloak.testframework.remote.providers.runonserver.RunOnServer registerRecoveryEmail(
            String realmName, String username, String address) {
        return session -> {
            RealmModel realm = realm(session, realmName);
            UserModel user = session.users().getUserByUsername(realm, username);
            long now = System.currentTimeMillis();
            String masked =
                    address.charAt(0) + "*".repeat(address.indexOf('@') - 1) + address.substring(address.indexOf('@'));
            org.keycloak.credential.CredentialModel credential = new org.keycloak.credential.CredentialModel();
            credential.setType("sspr-recovery-email");
            credential.setUserLabel(masked);
            credential.setCreatedDate(now);
            credential.setSecretData("{\"address\":\"" + address + "\"}");
            credential.setCredentialData("{\"version\":1,\"masked\":\"" + masked + "\",\"createdAt\":" + now
                    + ",\"confirmedAt\":" + now + "}");
            user.credentialManager().createStoredCredential(credential);
        };
    }

    private static RealmModel realm(KeycloakSession session, String name) {
        RealmModel realm = session.realms().getRealmByName(name);
        session.getContext().setRealm(realm);
        return realm;
    }
}
