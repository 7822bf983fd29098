package io.github.sspr.ldap;

import static io.github.sspr.ldap.SsprLdapStorageProvider.LDAP_ENTRY_DN;
import static io.github.sspr.ldap.SsprLdapStorageProvider.WRITTEN_PWD_LAST_SET;

import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.PasswordCredentialProvider;
import org.keycloak.credential.PasswordCredentialProviderFactory;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * A login's password check by binding as the user, and Keycloak's own hash of the directory password (password hash
 * sync): kept after a successful bind or writeback so that logins work while the directory is down, dropped when the
 * directory says it is stale or the account unusable; and, for AD, the mark that refuses an old password AD still
 * accepts after our write ({@link SsprLdapStorageProvider#WRITTEN_PWD_LAST_SET}). See docs/writeback.md.
 */
final class DirectoryLogin {

    private static final Logger LOG = Logger.getLogger(SsprLdapStorageProvider.class);

    private final LdapProviderContext ctx;

    DirectoryLogin(LdapProviderContext ctx) {
        this.ctx = ctx;
    }

    /** Keycloak's {@code CredentialInputValidator.isValid} for a password (the type is checked by the caller). */
    boolean isValid(RealmModel realm, UserModel user, UserCredentialModel input) {
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        if (dn == null) {
            return false;
        }
        String password = input.getChallengeResponse();
        LdapDirectory directory = ctx.directory();
        BindOutcome outcome = directory == null ? BindOutcome.UNREACHABLE : directory.bind(dn, password);
        switch (outcome) {
            case SUCCESS -> {
                PasswordCredentialProvider passwords = passwords();
                boolean hashed = ctx.config().passwordHashSync() && passwords.getPassword(realm, user) != null;
                boolean current = hashed && passwords.isValid(realm, user, UserCredentialModel.password(password));
                if (hashed && !current && staleAfterOurWrite(user, dn)) {
                    LOG.debugf(
                            "sspr-ldap %s: the directory accepted a password other than the one written last "
                                    + "(an old password within AD's grace period): login refused",
                            ctx.name());
                    return false;
                }
                syncHash(realm, user, password, current);
                return true;
            }
            case INVALID_CREDENTIALS -> {
                // Keycloak's password provider checks its hash after us. If the directory says no but our hash says
                // yes, the hash is stale (password changed in the directory): drop it, or the old password would
                // keep working.
                dropHashIfItMatches(realm, user, input);
                return false;
            }
            case MUST_CHANGE -> {
                // AD checked the password (773/532 come only after a right one) and wants a new one: let the user in to
                // Keycloak's update-password action, whose new password is then written back. Added on Keycloak's side
                // only — the directory already has the flag.
                UserModel plain = DirectoryLinkedUser.plain(user);
                if (plain.getRequiredActionsStream()
                        .noneMatch(UserModel.RequiredAction.UPDATE_PASSWORD.name()::equals)) {
                    plain.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
                }
                return true;
            }
            case ACCOUNT_UNUSABLE -> {
                // Right password, but the directory locked or disabled the account: the hash must not let it in.
                dropHash(realm, user);
                return false;
            }
            default -> {
                // Unreachable: with hash sync, Keycloak's password provider now checks the hash we kept; without
                // it, there is no hash and the login fails closed.
                LOG.warnf(
                        "sspr-ldap %s: directory unreachable, password checked against Keycloak's hash only",
                        ctx.name());
                return false;
            }
        }
    }

    /** AD with hash sync: remembers pwdLastSet after our write ({@link SsprLdapStorageProvider#WRITTEN_PWD_LAST_SET}). Best effort. */
    void rememberWrite(UserModel user, String dn) {
        if (ctx.config().vendor() != Vendor.ACTIVE_DIRECTORY || !ctx.config().passwordHashSync()) {
            return;
        }
        UserModel plain = DirectoryLinkedUser.plain(user);
        try {
            String pwdLastSet = ctx.directory().pwdLastSet(dn);
            if (pwdLastSet == null) {
                plain.removeAttribute(WRITTEN_PWD_LAST_SET);
            } else {
                plain.setSingleAttribute(WRITTEN_PWD_LAST_SET, pwdLastSet);
            }
        } catch (DirectoryException e) {
            // Without the mark, a bind is trusted as before: nothing breaks, one protection is missing.
            plain.removeAttribute(WRITTEN_PWD_LAST_SET);
            LOG.debugf("sspr-ldap %s: pwdLastSet not read after the write (%s)", ctx.name(), e.rawCode());
        }
    }

    /**
     * Whether a bind that the directory accepted used a password older than the one this provider wrote last: the
     * mark is there and the directory's pwdLastSet has not moved since. If it moved, the password was changed
     * elsewhere (a Windows change, another tool): the bind is trusted and the mark dropped. If it cannot be read, the
     * login fails closed (the password is not the one we know to be current).
     */
    private boolean staleAfterOurWrite(UserModel user, String dn) {
        String written = user.getFirstAttribute(WRITTEN_PWD_LAST_SET);
        if (written == null || ctx.config().vendor() != Vendor.ACTIVE_DIRECTORY) {
            return false;
        }
        try {
            if (written.equals(ctx.directory().pwdLastSet(dn))) {
                return true;
            }
            DirectoryLinkedUser.plain(user).removeAttribute(WRITTEN_PWD_LAST_SET);
            return false;
        } catch (DirectoryException e) {
            return true;
        }
    }

    private void syncHash(RealmModel realm, UserModel user, String password, boolean knownCurrent) {
        if (!ctx.config().passwordHashSync()) {
            dropHash(realm, user);
            return;
        }
        if (knownCurrent) {
            return; // already current
        }
        try {
            passwords().createCredential(realm, user, password);
        } catch (ModelException e) {
            // Keycloak's policy refuses a password the directory accepted: no hash, the user simply has no offline
            // login until the next change.
            LOG.debugf("sspr-ldap %s: hash not kept: %s", ctx.name(), e.getMessage());
        }
    }

    private void dropHashIfItMatches(RealmModel realm, UserModel user, CredentialInput input) {
        PasswordCredentialProvider passwords = passwords();
        if (passwords.getPassword(realm, user) != null && passwords.isValid(realm, user, input)) {
            dropHash(realm, user);
        }
    }

    /** Removes Keycloak's hash of the password, if it keeps one. */
    void dropHash(RealmModel realm, UserModel user) {
        PasswordCredentialModel hash = passwords().getPassword(realm, user);
        if (hash != null) {
            user.credentialManager().removeStoredCredentialById(hash.getId());
        }
    }

    private PasswordCredentialProvider passwords() {
        return (PasswordCredentialProvider)
                ctx.session().getProvider(CredentialProvider.class, PasswordCredentialProviderFactory.PROVIDER_ID);
    }
}
