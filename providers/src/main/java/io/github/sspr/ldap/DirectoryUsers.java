package io.github.sspr.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.StaticUtils;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finding users in the directory and reading an entry as a {@link DirectoryUser}: lookups by name, e-mail and DN, the
 * admin console's search, and the paged walk of a sync. Filters are structured {@link Filter} objects (values escaped
 * per RFC 4515 by construction, never concatenated); DNs are parsed per RFC 4514.
 */
final class DirectoryUsers {

    private static final int PAGE_SIZE = 500;

    private final LDAPConnectionPool pool;
    private final LdapConfig config;

    DirectoryUsers(LDAPConnectionPool pool, LdapConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The search filter for users whose {@code attribute} equals {@code value}. */
    static Filter userFilter(LdapConfig config, String attribute, String value) {
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

    /** The one user whose {@code attribute} is {@code value}; empty for an implausible value, none or several. */
    Optional<DirectoryUser> findBy(String attribute, String value) throws DirectoryException {
        if (!plausibleValue(value)) {
            return Optional.empty();
        }
        SearchRequest request = new SearchRequest(
                config.usersDn(), SearchScope.SUB, userFilter(config, attribute, value), attributes());
        request.setSizeLimit(2);
        try {
            List<SearchResultEntry> entries = pool.search(request).getSearchEntries();
            // Two entries for one username or email is ambiguous: refuse rather than pick one.
            return entries.size() == 1 ? Optional.of(toUser(entries.get(0))) : Optional.empty();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED || e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw LdapErrors.readFailure(e);
        }
    }

    /** See {@link LdapDirectory#findByDn}. */
    Optional<DirectoryUser> findByDn(String dn) throws DirectoryException {
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
            throw LdapErrors.readFailure(e);
        }
    }

    /** See {@link LdapDirectory#search}. */
    List<DirectoryUser> search(Filter condition, int sizeLimit) throws DirectoryException {
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
            throw LdapErrors.readFailure(e);
        }
    }

    /** See {@link LdapDirectory#forEachUser}. */
    void forEachUser(Date since, Consumer<DirectoryUser> action) throws DirectoryException {
        List<Filter> parts = baseUserFilterParts(config);
        if (since != null) {
            String changed = config.vendor() == Vendor.ACTIVE_DIRECTORY ? "whenChanged" : "modifyTimestamp";
            parts.add(Filter.createGreaterOrEqualFilter(changed, StaticUtils.encodeGeneralizedTime(since)));
        }
        SearchRequest request =
                new SearchRequest(config.usersDn(), SearchScope.SUB, Filter.createANDFilter(parts), attributes());
        try {
            ASN1OctetString cookie = null;
            do {
                request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
                SearchResult result = pool.search(request);
                result.getSearchEntries().forEach(entry -> action.accept(toUser(entry)));
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
                cookie = paged == null || !paged.moreResultsToReturn() ? null : paged.getCookie();
            } while (cookie != null);
        } catch (LDAPException e) {
            throw LdapErrors.readFailure(e);
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
            attributes.add(AccountFlags.LOCKOUT_TIME);
        } else {
            attributes.add(AccountFlags.PWD_ACCOUNT_LOCKED_TIME);
        }
        return attributes.toArray(String[]::new);
    }

    private DirectoryUser toUser(SearchResultEntry entry) {
        String uuid = "objectGUID".equalsIgnoreCase(config.uuidAttribute())
                ? AdPasswords.guidToString(entry.getAttributeValueBytes(config.uuidAttribute()))
                : entry.getAttributeValue(config.uuidAttribute());
        boolean ad = config.vendor() == Vendor.ACTIVE_DIRECTORY;
        String lock = entry.getAttributeValue(ad ? AccountFlags.LOCKOUT_TIME : AccountFlags.PWD_ACCOUNT_LOCKED_TIME);
        boolean disabled = ad
                ? AdPasswords.disabled(entry.getAttributeValue("userAccountControl"))
                : AccountFlags.OPENLDAP_PERMANENT_LOCK.equals(lock);
        // A permanent OpenLDAP lock is "disabled", not "locked": a reset does not lift it.
        boolean locked = !disabled && AccountFlags.locked(config.vendor(), lock);
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
}
