package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10RequestControl;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.util.StaticUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The directory operations the provider needs, over the factory's pool. Filters are built as structured
 * {@link Filter} objects (values escaped per RFC 4515 by construction, never concatenated); DNs are parsed per RFC
 * 4514.
 */
public final class LdapDirectory {

    static final String PWD_ACCOUNT_LOCKED_TIME = "pwdAccountLockedTime";
    /** ppolicy: set, the password was reset by someone else and must be changed at next use. */
    static final String PWD_RESET = "pwdReset";
    /** AD: 0 = must change at next logon; -1 = "now" (clears that). */
    static final String PWD_LAST_SET = "pwdLastSet";
    /** AD: non-zero = locked out since then (AD clears it lazily, at the next logon after the lockout duration). */
    static final String LOCKOUT_TIME = "lockoutTime";

    static final String OPENLDAP_PERMANENT_LOCK = "000001010000Z";
    private static final int PAGE_SIZE = 500;

    private final LDAPConnectionPool pool;
    private final LdapConfig config;
    private final DirectoryCapabilities capabilities;

    LdapDirectory(LDAPConnectionPool pool, LdapConfig config) {
        this(pool, config, new DirectoryCapabilities("directory"));
    }

    /** @param capabilities what the server supports, kept with {@code pool} so that it is read once per pool */
    LdapDirectory(LDAPConnectionPool pool, LdapConfig config, DirectoryCapabilities capabilities) {
        this.pool = pool;
        this.config = config;
        this.capabilities = capabilities;
    }

    public LdapConfig config() {
        return config;
    }

    /** The search filter for users whose {@code attribute} equals {@code value}. */
    public static Filter userFilter(LdapConfig config, String attribute, String value) {
        List<Filter> parts = baseUserFilterParts(config);
        parts.add(Filter.createEqualityFilter(attribute, value));
        return Filter.createANDFilter(parts);
    }

    private static List<Filter> baseUserFilterParts(LdapConfig config) {
        List<Filter> parts = new ArrayList<>();
        for (String objectClass : config.objectClasses()) {
            parts.add(Filter.createEqualityFilter("objectClass", objectClass));
        }
        if (!config.customFilter().isEmpty()) {
            try {
                parts.add(Filter.create(config.customFilter()));
            } catch (LDAPException e) {
                // validateConfiguration rejects invalid filters when saved; a stale one must never widen a search.
                throw new IllegalStateException("Invalid custom user filter", e);
            }
        }
        return parts;
    }

    public Optional<DirectoryUser> findByUsername(String username) throws DirectoryException {
        if (!plausibleValue(username)) {
            return Optional.empty();
        }
        return findOne(userFilter(config, config.usernameAttribute(), username));
    }

    public Optional<DirectoryUser> findByEmail(String email) throws DirectoryException {
        if (!plausibleValue(email)) {
            return Optional.empty();
        }
        return findOne(userFilter(config, config.emailAttribute(), email));
    }

    /**
     * A value that can name somebody: not empty, no control characters. Escaping makes a NUL harmless to the filter,
     * but Active Directory (Samba too) ends the value at the NUL and so finds {@code ann} for {@code "ann\0…"}: such
     * names match nobody here.
     */
    static boolean plausibleValue(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The entry at {@code dn} if it still is a user of this configuration. */
    public Optional<DirectoryUser> findByDn(String dn) throws DirectoryException {
        if (!DN.isValidDN(dn)) {
            return Optional.empty();
        }
        SearchRequest request = new SearchRequest(
                dn, SearchScope.BASE, Filter.createANDFilter(baseUserFilterParts(config)), attributes());
        try {
            SearchResult result = pool.search(request);
            return result.getSearchEntries().stream().findFirst().map(this::toUser);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw readFailure(e);
        }
    }

    private Optional<DirectoryUser> findOne(Filter filter) throws DirectoryException {
        SearchRequest request = new SearchRequest(config.usersDn(), SearchScope.SUB, filter, attributes());
        request.setSizeLimit(2);
        try {
            List<SearchResultEntry> entries = pool.search(request).getSearchEntries();
            // Two entries for one username or email is ambiguous: refuse rather than pick one.
            return entries.size() == 1 ? Optional.of(toUser(entries.get(0))) : Optional.empty();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED || e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw readFailure(e);
        }
    }

    /**
     * The users matching {@code condition} (with the configured object classes and filter), at most {@code sizeLimit}:
     * the admin console's search. A directory that stops at its own size limit gives what it sent.
     */
    public List<DirectoryUser> search(Filter condition, int sizeLimit) throws DirectoryException {
        List<Filter> parts = baseUserFilterParts(config);
        parts.add(condition);
        SearchRequest request =
                new SearchRequest(config.usersDn(), SearchScope.SUB, Filter.createANDFilter(parts), attributes());
        request.setSizeLimit(sizeLimit);
        try {
            // Samba ignores the size limit of a search: cut here as well.
            return pool.search(request).getSearchEntries().stream()
                    .limit(sizeLimit)
                    .map(this::toUser)
                    .toList();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return e.getSearchEntries().stream()
                        .limit(sizeLimit)
                        .map(this::toUser)
                        .toList();
            }
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            throw readFailure(e);
        }
    }

    /** Every user (or those changed since {@code since}), page by page. */
    public void forEachUser(Date since, Consumer<DirectoryUser> action) throws DirectoryException {
        List<Filter> parts = baseUserFilterParts(config);
        if (since != null) {
            String changed = config.vendor() == Vendor.ACTIVE_DIRECTORY ? "whenChanged" : "modifyTimestamp";
            parts.add(Filter.createGreaterOrEqualFilter(changed, StaticUtils.encodeGeneralizedTime(since)));
        }
        SearchRequest request =
                new SearchRequest(config.usersDn(), SearchScope.SUB, Filter.createANDFilter(parts), attributes());
        try {
            com.unboundid.asn1.ASN1OctetString cookie = null;
            do {
                request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
                SearchResult result = pool.search(request);
                result.getSearchEntries().forEach(entry -> action.accept(toUser(entry)));
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
                cookie = paged == null || !paged.moreResultsToReturn() ? null : paged.getCookie();
            } while (cookie != null);
        } catch (LDAPException e) {
            throw readFailure(e);
        }
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
                    if (!config.tlsMode().encrypted()) {
                        // AD answers 0000001F to a cleartext unicodePwd write; fail before sending the password.
                        throw new DirectoryException(DirectoryFailure.TLS_REQUIRED, "tls=none", null);
                    }
                    String hints = reset ? capabilities.policyHintsOid(pool).orElse(null) : null;
                    try {
                        pool.modify(adPasswordWrite(dn, password, hints));
                    } catch (LDAPException e) {
                        throw explainAdRefusal(dn, password, hints != null, LdapErrors.writeFailure(e));
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
        if (!config.tlsMode().encrypted()) {
            throw new DirectoryException(DirectoryFailure.TLS_REQUIRED, "tls=none", null);
        }
        try {
            pool.modify(adPasswordChange(dn, currentPassword, password));
        } catch (LDAPException e) {
            throw explainAdRefusal(dn, password, true, LdapErrors.writeFailure(e));
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
            throw readFailure(e);
        }
    }

    /** AD says only 0000052D: read the effective policy and tell which rule it was (best effort). */
    private DirectoryException explainAdRefusal(
            String dn, String password, boolean policyHintsSent, DirectoryException refusal) {
        if (refusal.failure() != DirectoryFailure.PASSWORD_POLICY) {
            return refusal;
        }
        try {
            AdUserPolicy policy = adPolicy(dn);
            AdPasswordPolicy.Diagnosis diagnosis = policy.policy()
                    .diagnose(password, policy.username(), policy.pwdLastSet(), Instant.now(), policyHintsSent);
            return new DirectoryException(
                    diagnosis.failure(),
                    refusal.rawCode() + " rule=" + diagnosis.rule(),
                    diagnosis.retryAfter(),
                    refusal.getCause());
        } catch (DirectoryException e) {
            // e.g. a fine-grained policy the service account may not read: say which rule is unknown, and why.
            return new DirectoryException(
                    refusal.failure(), refusal.rawCode() + " rule=unknown (" + e.rawCode() + ")", refusal.getCause());
        } catch (RuntimeException e) {
            return refusal;
        }
    }

    /** A user's effective AD password policy, with what the diagnosis needs from the user entry. */
    public record AdUserPolicy(AdPasswordPolicy policy, String username, Instant pwdLastSet) {}

    /**
     * Reads the policy that applies to {@code dn}: the fine-grained PSO named by msDS-ResultantPSO, else the domain's
     * (the root DSE's defaultNamingContext, or the DN's trailing dc= components).
     */
    public AdUserPolicy adPolicy(String dn) throws DirectoryException {
        try {
            SearchResultEntry user = pool.getEntry(dn, "msDS-ResultantPSO", "pwdLastSet", config.usernameAttribute());
            if (user == null) {
                throw new DirectoryException(DirectoryFailure.NO_SUCH_USER, "ldap=32", null);
            }
            String username = user.getAttributeValue(config.usernameAttribute());
            Instant pwdLastSet = AdPasswordPolicy.filetime(user.getAttributeValue("pwdLastSet"));
            String pso = user.getAttributeValue("msDS-ResultantPSO");
            AdPasswordPolicy policy;
            if (pso != null) {
                SearchResultEntry e = pool.getEntry(
                        pso,
                        "msDS-MinimumPasswordLength",
                        "msDS-PasswordHistoryLength",
                        "msDS-MinimumPasswordAge",
                        "msDS-PasswordComplexityEnabled");
                if (e == null || !e.hasAttribute("msDS-MinimumPasswordLength")) {
                    // AD lets only Domain Admins read password settings objects unless granted (docs/writeback.md): the
                    // domain's policy does not apply to this user, so guessing from it would mislead.
                    throw new DirectoryException(DirectoryFailure.OTHER, "pso=unreadable", null);
                }
                policy = new AdPasswordPolicy(
                        intValue(e, "msDS-MinimumPasswordLength"),
                        intValue(e, "msDS-PasswordHistoryLength"),
                        AdPasswordPolicy.interval(e.getAttributeValue("msDS-MinimumPasswordAge")),
                        "TRUE".equalsIgnoreCase(e.getAttributeValue("msDS-PasswordComplexityEnabled")));
            } else {
                SearchResultEntry e =
                        pool.getEntry(domainDn(dn), "minPwdLength", "pwdHistoryLength", "minPwdAge", "pwdProperties");
                policy = new AdPasswordPolicy(
                        intValue(e, "minPwdLength"),
                        intValue(e, "pwdHistoryLength"),
                        AdPasswordPolicy.interval(e.getAttributeValue("minPwdAge")),
                        (intValue(e, "pwdProperties") & 1) != 0);
            }
            return new AdUserPolicy(policy, username, pwdLastSet);
        } catch (LDAPException e) {
            throw readFailure(e);
        }
    }

    private String domainDn(String dn) throws LDAPException {
        com.unboundid.ldap.sdk.RootDSE root = pool.getRootDSE();
        String context = root == null ? null : root.getAttributeValue("defaultNamingContext");
        if (context != null) {
            return context;
        }
        List<com.unboundid.ldap.sdk.RDN> dcs = new ArrayList<>();
        for (com.unboundid.ldap.sdk.RDN rdn : new DN(dn).getRDNs()) {
            if (rdn.hasAttribute("dc")) {
                dcs.add(rdn);
            } else {
                dcs.clear();
            }
        }
        return new DN(dcs).toString();
    }

    private static int intValue(SearchResultEntry entry, String attribute) {
        if (entry == null) {
            return 0;
        }
        Integer value = entry.getAttributeValueAsInteger(attribute);
        return value == null ? 0 : value;
    }

    /**
     * Clears the directory's lockout of {@code dn}: AD lockoutTime = 0, OpenLDAP pwdAccountLockedTime removed. Reads the
     * lock first, so the answer says whether the account <em>was</em> locked; generic LDAP has no standard lockout
     * (always false). An OpenLDAP permanent lock (an admin's "disable") is left alone: a password reset must not
     * re-enable an account that an administrator switched off.
     */
    public boolean unlock(String dn) throws DirectoryException {
        if (config.vendor() == Vendor.GENERIC) {
            return false;
        }
        String attribute = config.vendor() == Vendor.ACTIVE_DIRECTORY ? LOCKOUT_TIME : PWD_ACCOUNT_LOCKED_TIME;
        String value;
        try {
            SearchResultEntry entry = pool.getEntry(dn, attribute);
            if (entry == null) {
                throw new DirectoryException(DirectoryFailure.NO_SUCH_USER, "ldap=32", null);
            }
            value = entry.getAttributeValue(attribute);
        } catch (LDAPException e) {
            throw readFailure(e);
        }
        if (!locked(config.vendor(), value) || OPENLDAP_PERMANENT_LOCK.equals(value)) {
            return false;
        }
        try {
            pool.modify(unlockRequest(config.vendor(), dn));
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_ATTRIBUTE) {
                return false; // unlocked meanwhile (by the directory itself or another node)
            }
            throw LdapErrors.writeFailure(e);
        }
    }

    /** The modify that clears a lockout; {@code null} for generic LDAP. */
    public static ModifyRequest unlockRequest(Vendor vendor, String dn) {
        return switch (vendor) {
            case ACTIVE_DIRECTORY ->
                new ModifyRequest(dn, new Modification(ModificationType.REPLACE, LOCKOUT_TIME, "0"));
            case OPENLDAP -> new ModifyRequest(dn, new Modification(ModificationType.DELETE, PWD_ACCOUNT_LOCKED_TIME));
            case GENERIC -> null;
        };
    }

    /** Whether a lock attribute's value means "locked" (AD lockoutTime non-zero, any pwdAccountLockedTime). */
    static boolean locked(Vendor vendor, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (vendor == Vendor.ACTIVE_DIRECTORY) {
            try {
                return Long.parseLong(value.strip()) != 0L;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the directory itself must make the user change the password at next logon: AD pwdLastSet = 0 (set) or -1
     * (cleared); OpenLDAP ppolicy pwdReset = TRUE (set) or removed (cleared). Generic LDAP has no such flag.
     */
    public void setMustChange(String dn, boolean mustChange) throws DirectoryException {
        ModifyRequest request = mustChangeRequest(config.vendor(), dn, mustChange);
        if (request == null) {
            return;
        }
        try {
            pool.modify(request);
        } catch (LDAPException e) {
            if (!mustChange && e.getResultCode() == ResultCode.NO_SUCH_ATTRIBUTE) {
                return; // no pwdReset: nothing to clear
            }
            throw LdapErrors.writeFailure(e);
        }
    }

    /** AD: the entry's pwdLastSet as the directory holds it (FILETIME, "0" = must change); {@code null} if none. */
    public String pwdLastSet(String dn) throws DirectoryException {
        try {
            SearchResultEntry entry = pool.getEntry(dn, PWD_LAST_SET);
            if (entry == null) {
                throw new DirectoryException(DirectoryFailure.NO_SUCH_USER, "ldap=32", null);
            }
            return entry.getAttributeValue(PWD_LAST_SET);
        } catch (LDAPException e) {
            throw readFailure(e);
        }
    }

    /** The modify behind {@link #setMustChange}; {@code null} for generic LDAP. */
    public static ModifyRequest mustChangeRequest(Vendor vendor, String dn, boolean mustChange) {
        return switch (vendor) {
            case ACTIVE_DIRECTORY ->
                new ModifyRequest(
                        dn, new Modification(ModificationType.REPLACE, PWD_LAST_SET, mustChange ? "0" : "-1"));
            case OPENLDAP ->
                mustChange
                        ? new ModifyRequest(dn, new Modification(ModificationType.REPLACE, PWD_RESET, "TRUE"))
                        : new ModifyRequest(dn, new Modification(ModificationType.DELETE, PWD_RESET));
            case GENERIC -> null;
        };
    }

    /** Reads the users DN entry with the service account: for connection tests and writeback health. */
    public void ping() throws DirectoryException {
        try {
            if (pool.getEntry(config.usersDn(), "1.1") == null) {
                throw new DirectoryException(DirectoryFailure.OTHER, "usersDn=noSuchObject", null);
            }
        } catch (LDAPException e) {
            throw readFailure(e);
        }
    }

    private String[] attributes() {
        List<String> attributes = new ArrayList<>(List.of(
                config.usernameAttribute(),
                config.emailAttribute(),
                config.firstNameAttribute(),
                config.lastNameAttribute(),
                config.uuidAttribute()));
        if (config.vendor() == Vendor.ACTIVE_DIRECTORY) {
            attributes.add("userAccountControl");
            attributes.add(LOCKOUT_TIME);
        } else {
            attributes.add(PWD_ACCOUNT_LOCKED_TIME);
        }
        return attributes.toArray(String[]::new);
    }

    private DirectoryUser toUser(SearchResultEntry entry) {
        String uuid = "objectGUID".equalsIgnoreCase(config.uuidAttribute())
                ? AdPasswords.guidToString(entry.getAttributeValueBytes(config.uuidAttribute()))
                : entry.getAttributeValue(config.uuidAttribute());
        boolean ad = config.vendor() == Vendor.ACTIVE_DIRECTORY;
        String lock = entry.getAttributeValue(ad ? LOCKOUT_TIME : PWD_ACCOUNT_LOCKED_TIME);
        boolean disabled = ad
                ? AdPasswords.disabled(entry.getAttributeValue("userAccountControl"))
                : OPENLDAP_PERMANENT_LOCK.equals(lock);
        // A permanent OpenLDAP lock is "disabled", not "locked": a reset does not lift it.
        boolean locked = !disabled && locked(config.vendor(), lock);
        return new DirectoryUser(
                entry.getDN(),
                uuid,
                entry.getAttributeValue(config.usernameAttribute()),
                entry.getAttributeValue(config.emailAttribute()),
                entry.getAttributeValue(config.firstNameAttribute()),
                entry.getAttributeValue(config.lastNameAttribute()),
                disabled,
                locked);
    }

    private static DirectoryException readFailure(LDAPException e) {
        DirectoryFailure failure =
                LdapErrors.unreachable(e.getResultCode()) ? DirectoryFailure.UNREACHABLE : DirectoryFailure.OTHER;
        return new DirectoryException(failure, LdapErrors.rawCode(e.toLDAPResult()), e);
    }
}
