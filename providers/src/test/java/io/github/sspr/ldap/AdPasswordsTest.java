package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.util.StaticUtils;
import org.junit.jupiter.api.Test;

class AdPasswordsTest {

    @Test
    void unicodePwdIsQuotedUtf16LittleEndian() {
        assertArrayEquals(new byte[] {'"', 0, 'a', 0, 'B', 0, '1', 0, '"', 0}, AdPasswords.unicodePwd("aB1"));
        // Outside ASCII: é is U+00E9 → E9 00
        assertArrayEquals(new byte[] {'"', 0, (byte) 0xE9, 0, '"', 0}, AdPasswords.unicodePwd("é"));
    }

    @Test
    void policyHintsControlIsSequenceOfIntegerOne() {
        Control control = AdPasswords.policyHints();
        assertEquals("1.2.840.113556.1.4.2239", control.getOID());
        assertTrue(control.isCritical());
        assertEquals("3003020101", StaticUtils.toHex(control.getValue().getValue()));
    }

    @Test
    void resetCarriesPolicyHintsAndChangeDoesNot() {
        ModifyRequest reset = LdapDirectory.adPasswordWrite(
                "CN=Ann,OU=Users,DC=ad,DC=test", "N3w-pass!", AdPasswords.POLICY_HINTS_OID);
        Modification mod = reset.getModifications().get(0);
        assertEquals(ModificationType.REPLACE, mod.getModificationType());
        assertEquals("unicodePwd", mod.getAttributeName());
        assertArrayEquals(AdPasswords.unicodePwd("N3w-pass!"), mod.getValueByteArrays()[0]);
        assertTrue(reset.hasControl(AdPasswords.POLICY_HINTS_OID));
        assertFalse(LdapDirectory.adPasswordWrite("CN=Ann,DC=ad", "x", null).hasControl(AdPasswords.POLICY_HINTS_OID));
        ModifyRequest old = LdapDirectory.adPasswordWrite("CN=Ann,DC=ad", "x", AdPasswords.POLICY_HINTS_DEPRECATED_OID);
        assertTrue(old.hasControl(AdPasswords.POLICY_HINTS_DEPRECATED_OID));
        assertTrue(old.getControl(AdPasswords.POLICY_HINTS_DEPRECATED_OID).isCritical());
    }

    @Test
    void policyHintsOidFollowsWhatTheServerAdvertises() {
        assertEquals(
                java.util.Optional.of(AdPasswords.POLICY_HINTS_OID),
                DirectoryCapabilities.policyHintsOid(rootDse(
                        AdPasswords.POLICY_HINTS_DEPRECATED_OID,
                        AdPasswords.POLICY_HINTS_OID,
                        "1.2.840.113556.1.4.319")));
        assertEquals(
                java.util.Optional.of(AdPasswords.POLICY_HINTS_DEPRECATED_OID),
                DirectoryCapabilities.policyHintsOid(rootDse(AdPasswords.POLICY_HINTS_DEPRECATED_OID)));
        // Samba 4.17 lists neither: a reset is written without (a critical unknown control fails with 12).
        assertEquals(
                java.util.Optional.empty(), DirectoryCapabilities.policyHintsOid(rootDse("1.2.840.113556.1.4.319")));
    }

    private static com.unboundid.ldap.sdk.RootDSE rootDse(String... controls) {
        return new com.unboundid.ldap.sdk.RootDSE(new com.unboundid.ldap.sdk.Entry(
                "", new com.unboundid.ldap.sdk.Attribute("supportedControl", controls)));
    }

    @Test
    void objectGuidAsUuid() {
        byte[] guid = StaticUtils.byteArray(
                0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);
        assertEquals("00112233-4455-6677-8899-aabbccddeeff", AdPasswords.guidToString(guid));
        assertNull(AdPasswords.guidToString(new byte[3]));
    }

    @Test
    void accountDisableBit() {
        assertTrue(AdPasswords.disabled("514"));
        assertFalse(AdPasswords.disabled("512"));
        assertFalse(AdPasswords.disabled(null));
    }
}
