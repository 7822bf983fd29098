package io.github.sspr.ldap;

import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputUpdater;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.storage.user.ImportedUserValidation;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryMethodsProvider;

/**
 * Per-request side of {@code sspr-ldap}: Keycloak's user-storage interfaces, each handed to the part that does it.
 * Users are imported into Keycloak's database with a federation link ({@link DirectoryImport}); the directory stays the
 * authority for passwords:
 *
 * <ul>
 *   <li>a login binds as the user; with hash sync on, Keycloak then keeps its own hash of the password, and when the
 *       directory does not answer, Keycloak's password provider (called by the credential manager after us) checks that
 *       hash — logins keep working during an outage ({@link DirectoryLogin});
 *   <li>a password update (SSPR, self-service change, admin reset) is written to the directory first; that write is the
 *       commit point — if it fails we throw, and Keycloak's own password is left as it was ({@link PasswordWriteback});
 *   <li>must-change and the lockout follow Keycloak's side ({@link DirectoryAccountMirror}).
 * </ul>
 *
 * See docs/writeback.md.
 */
public class SsprLdapStorageProvider
        implements UserStorageProvider,
                UserLookupProvider,
                UserQueryMethodsProvider,
                ImportedUserValidation,
                CredentialInputValidator,
                CredentialInputUpdater {

    /** Same attribute names as Keycloak's built-in LDAP provider, so that migrated users keep theirs. */
    public static final String LDAP_ID = "LDAP_ID";

    public static final String LDAP_ENTRY_DN = "LDAP_ENTRY_DN";

    /**
     * Present ({@code "true"}) while the directory reports the account locked out after failed logins (AD lockoutTime,
     * OpenLDAP pwdAccountLockedTime); removed when it no longer does. Refreshed on lookup, validation and sync.
     */
    public static final String DIRECTORY_LOCKED = "SSPR_DIRECTORY_LOCKED";

    /**
     * Active Directory, with hash sync: the user's {@code pwdLastSet} as read right after this provider last wrote the
     * password (or its must-change flag). While the directory still shows that value, the password written then is the
     * only current one — so a bind that succeeds with another password is AD accepting the old one (its old-password
     * grace period, or a domain controller the change has not reached yet), and the login is refused.
     */
    public static final String WRITTEN_PWD_LAST_SET = "SSPR_LDAP_WRITTEN_PWD_LAST_SET";

    private final DirectoryImport users;
    private final DirectoryLogin login;
    private final DirectoryAccountMirror mirror;
    private final PasswordWriteback writeback;

    SsprLdapStorageProvider(
            KeycloakSession session, UserStorageProviderModel model, LdapConfig config, LdapDirectory directory) {
        LdapProviderContext ctx = new LdapProviderContext(session, model, config, directory);
        this.login = new DirectoryLogin(ctx);
        this.mirror = new DirectoryAccountMirror(ctx, login);
        this.writeback = new PasswordWriteback(ctx, login);
        this.users = new DirectoryImport(ctx, this::linked);
    }

    // ---- lookup and import ------------------------------------------------------------------------------------

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        // Imported users carry local ids: Keycloak finds them in its own store and never asks us.
        return null;
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        return users.byUsername(realm, username);
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        return users.byEmail(realm, email);
    }

    /** The admin console's user search: directory users not imported yet, imported on the way. */
    @Override
    public Stream<UserModel> searchForUserStream(
            RealmModel realm, Map<String, String> params, Integer firstResult, Integer maxResults) {
        return users.search(realm, params, firstResult, maxResults);
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(
            RealmModel realm, GroupModel group, Integer firstResult, Integer maxResults) {
        // Groups live in Keycloak: members are found in its own store.
        return Stream.empty();
    }

    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String attrName, String attrValue) {
        // Custom attributes live in Keycloak's store.
        return Stream.empty();
    }

    /** The user as Keycloak should hold it: required-action changes mirrored to the directory. */
    UserModel linked(UserModel local) {
        return local instanceof DirectoryLinkedUser ? local : new DirectoryLinkedUser(local, mirror::mirrorMustChange);
    }

    /** Imports a directory user, or refreshes the one imported earlier (the factory's sync). */
    DirectoryImport.ImportResult importOrUpdate(RealmModel realm, DirectoryUser user) {
        return users.importOrUpdate(realm, user);
    }

    @Override
    public UserModel validate(RealmModel realm, UserModel local) {
        return users.validate(local);
    }

    // ---- passwords -----------------------------------------------------------------------------------------------

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return PasswordCredentialModel.TYPE.equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && user.getFirstAttribute(LDAP_ENTRY_DN) != null;
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return supportsCredentialType(input.getType())
                && input instanceof UserCredentialModel password
                && login.isValid(realm, user, password);
    }

    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        return supportsCredentialType(input.getType()) && writeback.update(realm, user, input);
    }

    /**
     * After a successful reset: clear the directory's lockout when configured (the reset flow's unlock step).
     *
     * @return whether the directory account was locked (and now is not)
     */
    public boolean unlockAfterReset(UserModel user) throws DirectoryException {
        return mirror.unlockAfterReset(user);
    }

    @Override
    public void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        // Directory passwords cannot be "disabled" from Keycloak.
    }

    @Override
    public Stream<String> getDisableableCredentialTypesStream(RealmModel realm, UserModel user) {
        return Stream.empty();
    }

    @Override
    public void close() {
        // The pool belongs to the factory.
    }
}
