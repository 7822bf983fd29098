package io.github.sspr.ldap;

import java.util.Locale;

/** The kind of directory: decides attribute defaults and how a password is written. */
public enum Vendor {
    /** Microsoft Active Directory: unicodePwd over TLS, policy-hints control on resets. */
    ACTIVE_DIRECTORY("ad", "sAMAccountName", "cn", "objectGUID", "person, organizationalPerson, user"),
    /** OpenLDAP: RFC 3062 password modify with the ppolicy request control. */
    OPENLDAP("openldap", "uid", "uid", "entryUUID", "inetOrgPerson, organizationalPerson"),
    /** Any other LDAPv3 server: a plain replace of userPassword. */
    GENERIC("generic", "uid", "uid", "entryUUID", "inetOrgPerson, organizationalPerson");

    private final String id;
    private final String usernameAttribute;
    private final String rdnAttribute;
    private final String uuidAttribute;
    private final String objectClasses;

    Vendor(String id, String usernameAttribute, String rdnAttribute, String uuidAttribute, String objectClasses) {
        this.id = id;
        this.usernameAttribute = usernameAttribute;
        this.rdnAttribute = rdnAttribute;
        this.uuidAttribute = uuidAttribute;
        this.objectClasses = objectClasses;
    }

    public String id() {
        return id;
    }

    public String defaultUsernameAttribute() {
        return usernameAttribute;
    }

    public String defaultRdnAttribute() {
        return rdnAttribute;
    }

    public String defaultUuidAttribute() {
        return uuidAttribute;
    }

    public String defaultObjectClasses() {
        return objectClasses;
    }

    /** The vendor for a configured id; {@code null} when the id is unknown. */
    public static Vendor fromId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Vendor vendor : values()) {
            if (vendor.id.equals(wanted)) {
                return vendor;
            }
        }
        return null;
    }
}
