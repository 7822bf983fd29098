package io.github.sspr.ldap;

import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.Control;
import java.nio.charset.StandardCharsets;

/** How Active Directory wants a password write. */
public final class AdPasswords {

    /** LDAP_SERVER_POLICY_HINTS_OID: makes AD apply history (and minimum age) to an administrative reset. */
    public static final String POLICY_HINTS_OID = "1.2.840.113556.1.4.2239";

    /** Older servers (2008 R2) know only the deprecated OID. */
    public static final String POLICY_HINTS_DEPRECATED_OID = "1.2.840.113556.1.4.2066";

    private AdPasswords() {}

    /** The unicodePwd value: the password in double quotes, UTF-16 little endian, no byte-order mark. */
    public static byte[] unicodePwd(String password) {
        return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    }

    /** The policy-hints control: {@code SEQUENCE { Flags INTEGER (1) }}, critical so AD never skips it silently. */
    public static Control policyHints() {
        return policyHints(POLICY_HINTS_OID);
    }

    /** The policy-hints control under {@code oid} (the current one, or the deprecated one of 2008 R2). */
    public static Control policyHints(String oid) {
        ASN1Sequence value = new ASN1Sequence(new ASN1Integer(1));
        return new Control(oid, true, new ASN1OctetString(value.encode()));
    }

    /** objectGUID bytes (little-endian first three fields) as the canonical UUID string AD tools show. */
    public static String guidToString(byte[] guid) {
        if (guid == null || guid.length != 16) {
            return null;
        }
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(String.format("%02x", guid[order[i]] & 0xff));
        }
        return s.toString();
    }

    /** userAccountControl ACCOUNTDISABLE bit. */
    public static boolean disabled(String userAccountControl) {
        if (userAccountControl == null || userAccountControl.isBlank()) {
            return false;
        }
        try {
            return (Long.parseLong(userAccountControl.strip()) & 0x2L) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
