package io.github.sspr.expiry.remind;

import io.github.sspr.expiry.ExpiryReminders;
import io.github.sspr.ldap.DirectoryPasswordExpiry;
import java.util.Optional;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * When a user's current password expires (docs/insight.md, "Password-expiry reminders"). For a user of Keycloak's own
 * store: the password credential's creation time plus the realm's {@code forceExpiredPasswordChange} days, as Keycloak
 * itself decides at sign-in; for an {@code sspr-ldap} user: as the directory decides it.
 *
 * @param setAt when the current password was set (part of each reminder's marker: a new password starts over)
 * @param expiresAt when it expires
 */
public record PasswordExpiry(long setAt, long expiresAt) {

    /**
     * The expiry of a user's password: Keycloak's policy for a local user ({@link #local}), the directory's for an
     * {@code sspr-ldap} user (AD's computed expiry, OpenLDAP's pwdChangedTime + pwdMaxAge).
     */
    public static Optional<PasswordExpiry> of(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user.getFederationLink() == null) {
            return local(realm, user);
        }
        return DirectoryPasswordExpiry.of(session, realm, user).map(at -> new PasswordExpiry(at[0], at[1]));
    }

    /** The expiry of a local user's password, or empty when the realm's passwords do not expire or there is none. */
    public static Optional<PasswordExpiry> local(RealmModel realm, UserModel user) {
        if (user.getFederationLink() != null) {
            return Optional.empty();
        }
        int days = realm.getPasswordPolicy() == null
                ? -1
                : realm.getPasswordPolicy().getDaysToExpirePassword();
        if (days <= 0) {
            return Optional.empty();
        }
        return user.credentialManager()
                .getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate)
                .filter(created -> created != null)
                .findFirst()
                .map(created -> new PasswordExpiry(created, ExpiryReminders.expiresAt(created, days)));
    }
}
