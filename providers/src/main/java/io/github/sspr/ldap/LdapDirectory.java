package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10RequestControl;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The directory operations the provider needs, over the factory's pool: binds and password writes here; finding users
 * in {@link DirectoryUsers}, lockout and must-change in {@link AccountFlags}, AD's per-rule explanations in
 * {@link AdPolicyReader} (docs/writeback.md).
 */
public final class LdapDirectory {

    private final LDAPConnectionPool pool;
    private final LdapConfig config;
    private final DirectoryCapabilities capabilities;
    private final DirectoryUsers users;
    private final AccountFlags flags;
    private final AdPolicyReader adPolicies;

    LdapDirectory(LDAPConnectionPool pool, LdapConfig config) {
        this(pool, config, new DirectoryCapabilities("directory"));
    }

    /** @param capabilities what the server supports, kept with {@code pool} so that it is read once per pool */
    LdapDirectory(LDAPConnectionPool pool, LdapConfig config, DirectoryCapabilities capabilities) {
        this.pool = pool;
        this.config = config;
        this.capabilities = capabilities;
        this.users = new DirectoryUsers(pool, config);
        this.flags = new AccountFlags(pool, config.vendor());
        this.adPolicies = new AdPolicyReader(pool, config.usernameAttribute());
    }

    public LdapConfig config() {
        return config;
    }

    public Optional<DirectoryUser> findByUsername(String username) throws DirectoryException {
        return users.findBy(config.usernameAttribute(), username);
    }

    public Optional<DirectoryUser> findByEmail(String email) throws DirectoryException {
        return users.findBy(config.emailAttribute(), email);
    }

    /** The entry at {@code dn} if it still is a user of this configuration. */
    public Optional<DirectoryUser> findByDn(String dn) throws DirectoryException {
        return users.findByDn(dn);
    }

    /**
     * The users matching {@code condition} (with the configured object classes and filter), at most {@code sizeLimit}:
     * the admin console's search. A directory that stops at its own size limit gives what it sent.
     */
    public List<DirectoryUser> search(Filter condition, int sizeLimit) throws DirectoryException {
        return users.search(condition, sizeLimit);
    }

    /** Every user (or those changed since {@code since}), page by page. */
    public void forEachUser(Date since, Consumer<DirectoryUser> action) throws DirectoryException {
        users.forEachUser(since, action);
    }

    /** Checks {@code password} by binding as {@code dn}; the pooled connection returns to the service account. */
    public BindOutcome bind(String dn, String password) {
        if (password == null || password.isEmpty()) {
            // An empty password is an unauthenticated bind (RFC 4513 §5.1.2), which "succeeds" on many servers.
            return BindOutcome.INVALID_CREDENTIALS;
        }
        try {
            pool.bindAndRevertAuthentication(dn, password);
            return BindOutcome.SUCCESS;
        } catch (LDAPException e) {
            return LdapErrors.bindOutcome(e);
        }
    }

    /**
     * Writes a new password as the vendor wants it. {@code reset}: an administrative reset (SSPR, admin console) rather
     * than the user's own change — AD then gets the policy-hints control so that it still enforces history, when the
     * server offers one ({@link DirectoryCapabilities}).
     */
    public void writePassword(String dn, String password, boolean reset) throws DirectoryException {
        try {
            switch (config.vendor()) {
                case ACTIVE_DIRECTORY -> {
                    requireTls();
                    String hints = reset ? capabilities.policyHintsOid(pool).orElse(null) : null;
                    try {
                        pool.modify(adPasswordWrite(dn, password, hints));
                    } catch (LDAPException e) {
                        throw adPolicies.explain(dn, password, hints != null, LdapErrors.writeFailure(e));
                    }
                }
                case OPENLDAP -> {
                    PasswordModifyExtendedRequest request = new PasswordModifyExtendedRequest(
                            dn, null, password, new Control[] {new DraftBeheraLDAPPasswordPolicy10RequestControl()});
                    ExtendedResult result = pool.processExtendedOperation(request);
                    if (result.getResultCode() != ResultCode.SUCCESS) {
                        throw new DirectoryException(
                                LdapErrors.writeFailureType(result), LdapErrors.rawCode(result), null);
                    }
                }
                case GENERIC ->
                    pool.modify(new ModifyRequest(
                            dn, new Modification(ModificationType.REPLACE, "userPassword", password)));
            }
        } catch (LDAPException e) {
            throw LdapErrors.writeFailure(e);
        }
    }

    /**
     * Active Directory: the user's own change, as Windows makes it — one modify that removes the current unicodePwd
     * value and adds the new one. AD checks the current password and applies the whole policy (history and minimum
     * age too, with no policy-hints control). Other vendors: the same as an administrative {@link #writePassword}.
     */
    public void changePassword(String dn, String currentPassword, String password) throws DirectoryException {
        if (config.vendor() != Vendor.ACTIVE_DIRECTORY) {
            writePassword(dn, password, true);
            return;
        }
        requireTls();
        try {
            pool.modify(adPasswordChange(dn, currentPassword, password));
        } catch (LDAPException e) {
            throw adPolicies.explain(dn, password, true, LdapErrors.writeFailure(e));
        }
    }

    /** AD answers 0000001F to a cleartext unicodePwd write: fail before sending the password. */
    private void requireTls() throws DirectoryException {
        if (!config.tlsMode().encrypted()) {
            throw new DirectoryException(DirectoryFailure.TLS_REQUIRED, "tls=none", null);
        }
    }

    /** The modify request of an AD password change: delete the current unicodePwd value, add the new one. */
    public static ModifyRequest adPasswordChange(String dn, String currentPassword, String password) {
        return new ModifyRequest(
                dn,
                new Modification(ModificationType.DELETE, "unicodePwd", AdPasswords.unicodePwd(currentPassword)),
                new Modification(ModificationType.ADD, "unicodePwd", AdPasswords.unicodePwd(password)));
    }

    /**
     * The modify request AD needs: unicodePwd replaced, with the policy-hints control under {@code policyHintsOid} (a
     * reset on a server that supports it), or without ({@code null}).
     */
    public static ModifyRequest adPasswordWrite(String dn, String password, String policyHintsOid) {
        ModifyRequest request = new ModifyRequest(
                dn, new Modification(ModificationType.REPLACE, "unicodePwd", AdPasswords.unicodePwd(password)));
        if (policyHintsOid != null) {
            request.addControl(AdPasswords.policyHints(policyHintsOid));
        }
        return request;
    }

    /**
     * Active Directory only: the policy-hints control the server takes (so that it applies its history to resets), or
     * empty when it takes none (Samba; a reset then skips the directory's history).
     */
    public Optional<String> policyHintsOid() throws DirectoryException {
        try {
            return capabilities.policyHintsOid(pool);
        } catch (LDAPException e) {
            throw LdapErrors.readFailure(e);
        }
    }

    /** The AD password policy in effect for {@code dn} ({@link AdPolicyReader#read}). */
    AdPolicyReader.AdUserPolicy adPolicy(String dn) throws DirectoryException {
        return adPolicies.read(dn);
    }

    /**
     * Clears the directory's lockout of {@code dn}: AD lockoutTime = 0, OpenLDAP pwdAccountLockedTime removed. Reads the
     * lock first, so the answer says whether the account <em>was</em> locked; generic LDAP has no standard lockout
     * (always false). An OpenLDAP permanent lock (an admin's "disable") is left alone: a password reset must not
     * re-enable an account that an administrator switched off.
     */
    public boolean unlock(String dn) throws DirectoryException {
        return flags.unlock(dn);
    }

    /**
     * Whether the directory itself must make the user change the password at next logon: AD pwdLastSet = 0 (set) or -1
     * (cleared); OpenLDAP ppolicy pwdReset = TRUE (set) or removed (cleared). Generic LDAP has no such flag.
     */
    public void setMustChange(String dn, boolean mustChange) throws DirectoryException {
        flags.setMustChange(dn, mustChange);
    }

    /** AD: the entry's pwdLastSet as the directory holds it (FILETIME, "0" = must change); {@code null} if none. */
    public String pwdLastSet(String dn) throws DirectoryException {
        return flags.pwdLastSet(dn);
    }

    /**
     * When the password of {@code dn} expires, as the directory decides it ({@link DirectoryExpiryReader}):
     * {@code [set at, expires at]} in epoch milliseconds, or empty when it does not expire.
     */
    public Optional<long[]> passwordExpiry(String dn) throws DirectoryException {
        return new DirectoryExpiryReader(pool, config).read(dn);
    }

    /** Reads the users DN entry with the service account: for connection tests and writeback health. */
    public void ping() throws DirectoryException {
        try {
            if (pool.getEntry(config.usersDn(), "1.1") == null) {
                throw new DirectoryException(DirectoryFailure.OTHER, "usersDn=noSuchObject", null);
            }
        } catch (LDAPException e) {
            throw LdapErrors.readFailure(e);
        }
    }
}
