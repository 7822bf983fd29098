package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;

/**
 * The account state a directory keeps beside the password, per vendor: the lockout after failed logins (AD
 * {@code lockoutTime}, OpenLDAP {@code pwdAccountLockedTime}) and "must change at next logon" (AD {@code pwdLastSet},
 * OpenLDAP ppolicy {@code pwdReset}). Generic LDAP has neither. See docs/writeback.md.
 */
final class AccountFlags {

    static final String PWD_ACCOUNT_LOCKED_TIME = "pwdAccountLockedTime";
    /** AD: non-zero = locked out since then (AD clears it lazily, at the next logon after the lockout duration). */
    static final String LOCKOUT_TIME = "lockoutTime";

    static final String OPENLDAP_PERMANENT_LOCK = "000001010000Z";

    private final LDAPConnectionPool pool;
    private final Vendor vendor;

    AccountFlags(LDAPConnectionPool pool, Vendor vendor) {
        this.pool = pool;
        this.vendor = vendor;
    }

    /** See {@link LdapDirectory#unlock}. */
    boolean unlock(String dn) throws DirectoryException {
        if (vendor == Vendor.GENERIC) {
            return false;
        }
        String value = read(dn, vendor == Vendor.ACTIVE_DIRECTORY ? LOCKOUT_TIME : PWD_ACCOUNT_LOCKED_TIME);
        if (!locked(vendor, value) || OPENLDAP_PERMANENT_LOCK.equals(value)) {
            return false;
        }
        try {
            pool.modify(unlockRequest(vendor, dn));
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_ATTRIBUTE) {
                return false; // unlocked meanwhile (by the directory itself or another node)
            }
            throw LdapErrors.writeFailure(e);
        }
    }

    /** The modify that clears a lockout; {@code null} for generic LDAP. */
    static ModifyRequest unlockRequest(Vendor vendor, String dn) {
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

    /** ppolicy: set, the password was reset by someone else and must be changed at next use. */
    static final String PWD_RESET = "pwdReset";
    /** AD: 0 = must change at next logon; -1 = "now" (clears that). */
    static final String PWD_LAST_SET = "pwdLastSet";

    /** See {@link LdapDirectory#setMustChange}. */
    void setMustChange(String dn, boolean mustChange) throws DirectoryException {
        ModifyRequest request = mustChangeRequest(vendor, dn, mustChange);
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

    /** The modify behind {@link #setMustChange}; {@code null} for generic LDAP. */
    static ModifyRequest mustChangeRequest(Vendor vendor, String dn, boolean mustChange) {
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

    /** AD: the entry's pwdLastSet as the directory holds it (FILETIME, "0" = must change); {@code null} if none. */
    String pwdLastSet(String dn) throws DirectoryException {
        return read(dn, PWD_LAST_SET);
    }

    /** One attribute of the entry at {@code dn} ({@code null} when it has none); no entry is NO_SUCH_USER. */
    private String read(String dn, String attribute) throws DirectoryException {
        try {
            SearchResultEntry entry = pool.getEntry(dn, attribute);
            if (entry == null) {
                throw new DirectoryException(DirectoryFailure.NO_SUCH_USER, "ldap=32", null);
            }
            return entry.getAttributeValue(attribute);
        } catch (LDAPException e) {
            throw LdapErrors.readFailure(e);
        }
    }
}
