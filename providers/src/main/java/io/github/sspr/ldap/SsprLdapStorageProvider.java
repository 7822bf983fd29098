package io.github.sspr.ldap;

import io.github.sspr.activity.ActivityMetrics;
import io.micrometer.core.instrument.Timer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputUpdater;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.PasswordCredentialProvider;
import org.keycloak.credential.PasswordCredentialProviderFactory;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.PasswordUserCredentialModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.storage.user.ImportedUserValidation;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryMethodsProvider;

/**
 * Per-request side of {@code sspr-ldap}. Users are imported into Keycloak's database with a federation link; the
 * directory stays the authority for passwords:
 *
 * <ul>
 *   <li>a login binds as the user; with hash sync on, Keycloak then keeps its own hash of the password, and when the
 *       directory does not answer, Keycloak's password provider (called by the credential manager after us) checks that
 *       hash — logins keep working during an outage;
 *   <li>a password update (SSPR, self-service change, admin reset) is written to the directory first; that write is the
 *       commit point — if it fails we throw, and Keycloak's own password is left as it was.
 * </ul>
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

    private static final Logger LOG = Logger.getLogger(SsprLdapStorageProvider.class);

    /** "again after {0}": the user's time zone is unknown here, so the time says it is UTC. */
    private static final DateTimeFormatter RETRY_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final KeycloakSession session;
    private final UserStorageProviderModel model;
    private final LdapConfig config;
    private final LdapDirectory directory;
    private final SsprLdapStorageProviderFactory factory;

    SsprLdapStorageProvider(
            KeycloakSession session,
            UserStorageProviderModel model,
            LdapConfig config,
            LdapDirectory directory,
            SsprLdapStorageProviderFactory factory) {
        this.session = session;
        this.model = model;
        this.config = config;
        this.directory = directory;
        this.factory = factory;
    }

    enum ImportResult {
        ADDED,
        UPDATED,
        UNCHANGED,
        /** A local user of that name exists and is not ours: left alone. */
        CONFLICT
    }

    // ---- lookup and import ------------------------------------------------------------------------------------

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        // Imported users carry local ids: Keycloak finds them in its own store and never asks us.
        return null;
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        if (directory == null) {
            return null;
        }
        try {
            return directory
                    .findByUsername(username)
                    .map(u -> imported(realm, u))
                    .orElse(null);
        } catch (DirectoryException e) {
            LOG.warnf("sspr-ldap %s: lookup by username failed (%s)", model.getName(), e.rawCode());
            return null;
        }
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        if (directory == null) {
            return null;
        }
        try {
            return directory.findByEmail(email).map(u -> imported(realm, u)).orElse(null);
        } catch (DirectoryException e) {
            LOG.warnf("sspr-ldap %s: lookup by email failed (%s)", model.getName(), e.rawCode());
            return null;
        }
    }

    private UserModel imported(RealmModel realm, DirectoryUser user) {
        ImportResult result = importOrUpdate(realm, user);
        if (result == ImportResult.CONFLICT) {
            return null;
        }
        UserModel local = local().getUserByUsername(realm, user.username());
        return local == null ? null : linked(local);
    }

    // ---- the admin console's user search ------------------------------------------------------------------------

    /** Most directory entries one search reads: the admin console pages by 10–100. */
    static final int SEARCH_LIMIT = 500;

    /**
     * Users of the directory that match the admin console's search and are not imported yet (those already imported
     * come from Keycloak's own store, as with Keycloak's LDAP provider); each is imported on the way. So an admin can
     * find a directory user who has never signed in, e.g. to reset a password or send a reset link.
     */
    @Override
    public Stream<UserModel> searchForUserStream(
            RealmModel realm, Map<String, String> params, Integer firstResult, Integer maxResults) {
        if (directory == null) {
            return Stream.empty();
        }
        Optional<com.unboundid.ldap.sdk.Filter> condition = DirectorySearch.filter(config, params);
        if (condition.isEmpty()) {
            return Stream.empty();
        }
        int skip = firstResult == null || firstResult < 0 ? 0 : firstResult;
        int limit = maxResults == null || maxResults < 0 ? SEARCH_LIMIT : maxResults;
        List<DirectoryUser> found;
        try {
            found = directory.search(condition.get(), Math.min(SEARCH_LIMIT, skip + limit + 50));
        } catch (DirectoryException e) {
            LOG.warnf("sspr-ldap %s: user search failed (%s)", model.getName(), e.rawCode());
            return Stream.empty();
        }
        UserProvider local = local();
        return found.stream()
                .filter(u -> u.username() != null && local.getUserByUsername(realm, u.username()) == null)
                .skip(skip)
                .limit(limit)
                .map(u -> imported(realm, u))
                .filter(Objects::nonNull);
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
        return local instanceof DirectoryLinkedUser ? local : new DirectoryLinkedUser(local, this::mirrorMustChange);
    }

    /** Sets or clears the directory's "must change at next logon" (AD pwdLastSet, OpenLDAP pwdReset). */
    private void mirrorMustChange(UserModel user, boolean mustChange) {
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        if (dn == null || config.vendor() == Vendor.GENERIC) {
            return;
        }
        try {
            if (directory == null) {
                throw new DirectoryException(DirectoryFailure.UNREACHABLE, "config=invalid", null);
            }
            directory.setMustChange(dn, mustChange);
            rememberWrite(user, dn);
        } catch (DirectoryException e) {
            // The password is already written; Keycloak's required action still makes the user change it here.
            LOG.warnf(
                    "sspr-ldap %s: could not %s the directory's must-change flag: %s (%s)",
                    model.getName(), mustChange ? "set" : "clear", e.failure(), e.rawCode());
        }
    }

    /** Imports a directory user, or refreshes the one imported earlier. */
    ImportResult importOrUpdate(RealmModel realm, DirectoryUser user) {
        if (user.username() == null || user.username().isBlank()) {
            return ImportResult.CONFLICT;
        }
        UserModel existing = local().getUserByUsername(realm, user.username());
        if (existing == null) {
            UserModel created = local().addUser(realm, user.username());
            created.setFederationLink(model.getId());
            apply(user, created);
            return ImportResult.ADDED;
        }
        if (!model.getId().equals(existing.getFederationLink())) {
            return ImportResult.CONFLICT;
        }
        return apply(user, existing) ? ImportResult.UPDATED : ImportResult.UNCHANGED;
    }

    /** Copies the directory's view onto the local user; true when something changed. */
    private boolean apply(DirectoryUser from, UserModel to) {
        boolean changed = false;
        if (!Objects.equals(blankToNull(from.email()), to.getEmail())) {
            to.setEmail(blankToNull(from.email()));
            changed = true;
        }
        boolean verified = config.trustEmail() && to.getEmail() != null;
        if (verified && !to.isEmailVerified()) {
            to.setEmailVerified(true);
            changed = true;
        }
        if (!Objects.equals(blankToNull(from.firstName()), to.getFirstName())) {
            to.setFirstName(blankToNull(from.firstName()));
            changed = true;
        }
        if (!Objects.equals(blankToNull(from.lastName()), to.getLastName())) {
            to.setLastName(blankToNull(from.lastName()));
            changed = true;
        }
        if (to.isEnabled() == from.disabled()) {
            to.setEnabled(!from.disabled());
            changed = true;
        }
        boolean lockedHere = "true".equals(to.getFirstAttribute(DIRECTORY_LOCKED));
        if (from.locked() != lockedHere) {
            if (from.locked()) {
                to.setSingleAttribute(DIRECTORY_LOCKED, "true");
            } else {
                to.removeAttribute(DIRECTORY_LOCKED);
            }
            changed = true;
        }
        if (from.uuid() != null && !from.uuid().equals(to.getFirstAttribute(LDAP_ID))) {
            to.setSingleAttribute(LDAP_ID, from.uuid());
            changed = true;
        }
        if (!from.dn().equals(to.getFirstAttribute(LDAP_ENTRY_DN))) {
            to.setSingleAttribute(LDAP_ENTRY_DN, from.dn());
            changed = true;
        }
        return changed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public UserModel validate(RealmModel realm, UserModel local) {
        String dn = local.getFirstAttribute(LDAP_ENTRY_DN);
        if (directory == null) {
            return linked(local);
        }
        try {
            Optional<DirectoryUser> entry = dn == null ? Optional.empty() : directory.findByDn(dn);
            if (entry.isEmpty()) {
                // Renamed or moved: look for it by name, and accept it only if it is the same entry (same UUID).
                entry = directory.findByUsername(local.getUsername());
            }
            String uuid = local.getFirstAttribute(LDAP_ID);
            if (entry.isEmpty() || (uuid != null && !uuid.equals(entry.get().uuid()))) {
                return null; // gone from the directory: Keycloak hides (or removes, if configured) the local copy
            }
            apply(entry.get(), local);
            return linked(local);
        } catch (DirectoryException e) {
            // Directory down: keep serving the imported copy so that hash-sync logins keep working.
            LOG.debugf("sspr-ldap %s: validation skipped, directory unavailable (%s)", model.getName(), e.rawCode());
            return linked(local);
        }
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
        if (!supportsCredentialType(input.getType()) || !(input instanceof UserCredentialModel)) {
            return false;
        }
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        if (dn == null) {
            return false;
        }
        String password = input.getChallengeResponse();
        BindOutcome outcome = directory == null ? BindOutcome.UNREACHABLE : directory.bind(dn, password);
        switch (outcome) {
            case SUCCESS -> {
                PasswordCredentialProvider passwords = passwords();
                boolean hashed = config.passwordHashSync() && passwords.getPassword(realm, user) != null;
                boolean current = hashed && passwords.isValid(realm, user, UserCredentialModel.password(password));
                if (hashed && !current && staleAfterOurWrite(user, dn)) {
                    LOG.debugf(
                            "sspr-ldap %s: the directory accepted a password other than the one written last "
                                    + "(an old password within AD's grace period): login refused",
                            model.getName());
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
                UserModel plain = user instanceof DirectoryLinkedUser linkedUser ? linkedUser.getDelegate() : user;
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
                        model.getName());
                return false;
            }
        }
    }

    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supportsCredentialType(input.getType())) {
            return false;
        }
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        if (dn == null) {
            throw new ModelValidationException(DirectoryFailure.NO_SUCH_USER.messageKey());
        }
        String password = input.getChallengeResponse();
        // Keycloak's own policy first: a password Keycloak would refuse after the directory took it would leave the
        // two out of step.
        PolicyError policy =
                session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (policy != null) {
            throw new ModelException(policy.getMessage(), policy.getParameters());
        }
        // An admin or SSPR reset is a reset for AD (with policy hints when offered, so that AD still applies its
        // history). A self-service change whose page handed over the current password (OwnPasswordChange) is a
        // change, as Windows makes it; without it (e.g. Keycloak's own update-password page), a reset as well.
        boolean adminReset = input instanceof PasswordUserCredentialModel p && p.isAdminRequest();
        ActivityMetrics metrics = ActivityMetrics.global();
        Timer.Sample writeback = metrics.startWriteback();
        try {
            if (directory == null) {
                throw new DirectoryException(DirectoryFailure.UNREACHABLE, "config=invalid", null);
            }
            Optional<String> current = adminReset ? Optional.empty() : OwnPasswordChange.currentPassword(session);
            if (current.isPresent()) {
                directory.changePassword(dn, current.get(), password);
            } else {
                directory.writePassword(dn, password, true);
            }
            metrics.writeback(writeback, realm.getName(), ActivityMetrics.SUCCESS);
            WritebackHealthStore.record(
                    session, model.getId(), WritebackHealth.success(WritebackHealthStore.nodeName(session)));
            clearMustChangeAfterOwnChange(user, dn);
            rememberWrite(user, dn);
        } catch (DirectoryException e) {
            metrics.writeback(
                    writeback,
                    realm.getName(),
                    e.failure().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            WritebackHealthStore.record(
                    session, model.getId(), WritebackHealth.failed(e, WritebackHealthStore.nodeName(session)));
            LOG.warnf(
                    "sspr-ldap %s: password writeback (%s) refused: %s (%s)",
                    model.getName(), adminReset ? "admin request" : "reset or change", e.failure(), e.rawCode());
            event(realm, user, e, adminReset);
            // The directory write is the commit point: throwing keeps Keycloak's own password unchanged.
            if (e.retryAfter().isPresent()) {
                throw new ModelException(
                        "ssprLdapPasswordTooYoungUntil",
                        RETRY_FORMAT.format(e.retryAfter().get()));
            }
            throw new ModelValidationException(e.failure().messageKey());
        }
        if (config.passwordHashSync()) {
            // Returning false hands the same input to Keycloak's password provider, which stores its hash (with the
            // realm's hashing algorithm and password history).
            return false;
        }
        dropHash(realm, user);
        return true;
    }

    /** An admin-visible event with the directory's raw code (users see only the message key). */
    private void event(RealmModel realm, UserModel user, DirectoryException e, boolean adminReset) {
        try {
            new EventBuilder(realm, session)
                    .event(EventType.UPDATE_CREDENTIAL_ERROR)
                    .user(user)
                    .detail(Details.CREDENTIAL_TYPE, PasswordCredentialModel.TYPE)
                    .detail("sspr_directory", model.getName())
                    .detail("sspr_directory_code", e.rawCode())
                    .detail("sspr_admin_reset", Boolean.toString(adminReset))
                    .error("sspr_ldap_" + e.failure().name().toLowerCase(Locale.ROOT));
        } catch (RuntimeException ex) {
            // Never let bookkeeping hide the real failure.
            LOG.debugf("sspr-ldap: event not recorded: %s", ex.getMessage());
        }
    }

    /**
     * OpenLDAP: the service account wrote the password, so with {@code pwdMustChange} on, ppolicy has just flagged it
     * {@code pwdReset} — wrong for a user who chose the password. Cleared unless Keycloak itself still asks for a change
     * (an admin's temporary password sets the flag again right after, see {@link DirectoryLinkedUser}). AD needs nothing
     * here: any password write sets pwdLastSet to "now".
     */
    private void clearMustChangeAfterOwnChange(UserModel user, String dn) {
        if (config.vendor() != Vendor.OPENLDAP
                || user.getRequiredActionsStream().anyMatch(UserModel.RequiredAction.UPDATE_PASSWORD.name()::equals)) {
            return;
        }
        try {
            directory.setMustChange(dn, false);
        } catch (DirectoryException e) {
            // Best effort (the password is written): e.g. the service account may not write pwdReset.
            LOG.debugf("sspr-ldap %s: pwdReset not cleared (%s)", model.getName(), e.rawCode());
        }
    }

    /**
     * After a successful reset: clear the directory's lockout when configured (the reset flow's unlock step).
     *
     * @return whether the directory account was locked (and now is not)
     */
    public boolean unlockAfterReset(UserModel user) throws DirectoryException {
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        if (directory == null) {
            throw new DirectoryException(DirectoryFailure.UNREACHABLE, "config=invalid", null);
        }
        if (!config.unlockOnReset() || dn == null) {
            return false;
        }
        boolean wasLocked = directory.unlock(dn);
        if ("true".equals(user.getFirstAttribute(DIRECTORY_LOCKED))) {
            user.removeAttribute(DIRECTORY_LOCKED);
        }
        return wasLocked;
    }

    @Override
    public void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        // Directory passwords cannot be "disabled" from Keycloak.
    }

    @Override
    public Stream<String> getDisableableCredentialTypesStream(RealmModel realm, UserModel user) {
        return Stream.empty();
    }

    // ---- Keycloak's hash -----------------------------------------------------------------------------------------

    /** AD with hash sync: remembers pwdLastSet after our write ({@link #WRITTEN_PWD_LAST_SET}). Best effort. */
    private void rememberWrite(UserModel user, String dn) {
        if (config.vendor() != Vendor.ACTIVE_DIRECTORY || !config.passwordHashSync()) {
            return;
        }
        UserModel plain = user instanceof DirectoryLinkedUser linkedUser ? linkedUser.getDelegate() : user;
        try {
            String pwdLastSet = directory.pwdLastSet(dn);
            if (pwdLastSet == null) {
                plain.removeAttribute(WRITTEN_PWD_LAST_SET);
            } else {
                plain.setSingleAttribute(WRITTEN_PWD_LAST_SET, pwdLastSet);
            }
        } catch (DirectoryException e) {
            // Without the mark, a bind is trusted as before: nothing breaks, one protection is missing.
            plain.removeAttribute(WRITTEN_PWD_LAST_SET);
            LOG.debugf("sspr-ldap %s: pwdLastSet not read after the write (%s)", model.getName(), e.rawCode());
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
        if (written == null || config.vendor() != Vendor.ACTIVE_DIRECTORY) {
            return false;
        }
        try {
            if (written.equals(directory.pwdLastSet(dn))) {
                return true;
            }
            UserModel plain = user instanceof DirectoryLinkedUser linkedUser ? linkedUser.getDelegate() : user;
            plain.removeAttribute(WRITTEN_PWD_LAST_SET);
            return false;
        } catch (DirectoryException e) {
            return true;
        }
    }

    private void syncHash(RealmModel realm, UserModel user, String password, boolean knownCurrent) {
        if (!config.passwordHashSync()) {
            dropHash(realm, user);
            return;
        }
        if (knownCurrent) {
            return; // already current
        }
        PasswordCredentialProvider passwords = passwords();
        try {
            passwords.createCredential(realm, user, password);
        } catch (ModelException e) {
            // Keycloak's policy refuses a password the directory accepted: no hash, the user simply has no offline
            // login until the next change.
            LOG.debugf("sspr-ldap %s: hash not kept: %s", model.getName(), e.getMessage());
        }
    }

    private void dropHashIfItMatches(RealmModel realm, UserModel user, CredentialInput input) {
        PasswordCredentialProvider passwords = passwords();
        if (passwords.getPassword(realm, user) != null && passwords.isValid(realm, user, input)) {
            dropHash(realm, user);
        }
    }

    private void dropHash(RealmModel realm, UserModel user) {
        PasswordCredentialModel hash = passwords().getPassword(realm, user);
        if (hash != null) {
            user.credentialManager().removeStoredCredentialById(hash.getId());
        }
    }

    private PasswordCredentialProvider passwords() {
        return (PasswordCredentialProvider)
                session.getProvider(CredentialProvider.class, PasswordCredentialProviderFactory.PROVIDER_ID);
    }

    private UserProvider local() {
        return UserStoragePrivateUtil.userLocalStorage(session);
    }

    @Override
    public void close() {
        // The pool belongs to the factory.
    }
}
