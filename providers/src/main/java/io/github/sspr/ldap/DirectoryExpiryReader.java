package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.github.sspr.expiry.ExpiryReminders;
import java.util.Optional;

/**
 * When a directory user's password expires, as the directory decides it (docs/insight.md, "Password-expiry
 * reminders"): Active Directory computes it itself in {@code msDS-UserPasswordExpiryTimeComputed}, which honours
 * fine-grained password policies; OpenLDAP's ppolicy has {@code pwdChangedTime} and the policy's {@code pwdMaxAge}
 * (the user's {@code pwdPolicySubentry}, else the overlay's default policy as configured). Generic LDAP has no expiry.
 * The arithmetic is {@link ExpiryReminders}'s.
 */
final class DirectoryExpiryReader {

    static final String AD_EXPIRY = "msDS-UserPasswordExpiryTimeComputed";
    static final String AD_PWD_LAST_SET = "pwdLastSet";
    static final String PWD_CHANGED_TIME = "pwdChangedTime";
    static final String PWD_POLICY_SUBENTRY = "pwdPolicySubentry";
    static final String PWD_MAX_AGE = "pwdMaxAge";

    private final LDAPConnectionPool pool;
    private final LdapConfig config;

    DirectoryExpiryReader(LDAPConnectionPool pool, LdapConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** {@code [set at, expires at]} in epoch milliseconds, or empty when the password does not expire. */
    Optional<long[]> read(String dn) throws DirectoryException {
        try {
            return switch (config.vendor()) {
                case ACTIVE_DIRECTORY -> activeDirectory(dn);
                case OPENLDAP -> openLdap(dn);
                default -> Optional.empty();
            };
        } catch (LDAPException e) {
            throw LdapErrors.readFailure(e);
        }
    }

    private Optional<long[]> activeDirectory(String dn) throws LDAPException {
        // A constructed attribute: AD returns it only when asked for by name, on a base search.
        SearchResultEntry entry = pool.getEntry(dn, AD_EXPIRY, AD_PWD_LAST_SET);
        if (entry == null) {
            return Optional.empty();
        }
        Long expiry = entry.getAttributeValueAsLong(AD_EXPIRY);
        Long lastSet = entry.getAttributeValueAsLong(AD_PWD_LAST_SET);
        if (expiry == null || lastSet == null || lastSet <= 0) {
            return Optional.empty(); // never set, or must change at next logon: nothing to remind
        }
        Optional<Long> expiresAt = ExpiryReminders.fromFileTime(expiry);
        Optional<Long> setAt = ExpiryReminders.fromFileTime(lastSet);
        if (expiresAt.isEmpty() || setAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {setAt.get(), expiresAt.get()});
    }

    private Optional<long[]> openLdap(String dn) throws LDAPException {
        SearchResultEntry entry = pool.getEntry(dn, PWD_CHANGED_TIME, PWD_POLICY_SUBENTRY);
        if (entry == null || entry.getAttributeValue(PWD_CHANGED_TIME) == null) {
            return Optional.empty();
        }
        String policyDn = entry.getAttributeValue(PWD_POLICY_SUBENTRY);
        if (policyDn == null || policyDn.isBlank()) {
            policyDn = config.ppolicyDn();
        }
        if (policyDn == null || policyDn.isBlank()) {
            return Optional.empty();
        }
        SearchResultEntry policy = pool.getEntry(policyDn, PWD_MAX_AGE);
        Long maxAge = policy == null ? null : policy.getAttributeValueAsLong(PWD_MAX_AGE);
        String changed = entry.getAttributeValue(PWD_CHANGED_TIME);
        Optional<Long> expiresAt = ExpiryReminders.fromPwdChangedTime(changed, maxAge == null ? 0 : maxAge);
        Optional<Long> setAt = ExpiryReminders.generalizedTime(changed);
        if (expiresAt.isEmpty() || setAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {setAt.get(), expiresAt.get()});
    }
}
