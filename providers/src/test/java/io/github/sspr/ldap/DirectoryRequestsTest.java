package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import org.junit.jupiter.api.Test;

/** The modify requests behind "must change at next logon" and unlock, per vendor (no server needed). */
class DirectoryRequestsTest {

    private static final String DN = "CN=Ann Archer,OU=People,DC=corp,DC=test";

    @Test
    void adTemporaryPasswordSetsPwdLastSetZeroAndTheUsersOwnChangeMinusOne() {
        assertOnlyModification(
                LdapDirectory.mustChangeRequest(Vendor.ACTIVE_DIRECTORY, DN, true),
                ModificationType.REPLACE,
                "pwdLastSet",
                "0");
        assertOnlyModification(
                LdapDirectory.mustChangeRequest(Vendor.ACTIVE_DIRECTORY, DN, false),
                ModificationType.REPLACE,
                "pwdLastSet",
                "-1");
    }

    @Test
    void openLdapTemporaryPasswordSetsPwdResetAndTheUsersOwnChangeRemovesIt() {
        assertOnlyModification(
                LdapDirectory.mustChangeRequest(Vendor.OPENLDAP, DN, true),
                ModificationType.REPLACE,
                "pwdReset",
                "TRUE");
        ModifyRequest clear = LdapDirectory.mustChangeRequest(Vendor.OPENLDAP, DN, false);
        assertOnlyModification(clear, ModificationType.DELETE, "pwdReset");
    }

    @Test
    void genericLdapHasNoMustChangeFlagAndNoLockout() {
        assertNull(LdapDirectory.mustChangeRequest(Vendor.GENERIC, DN, true));
        assertNull(LdapDirectory.mustChangeRequest(Vendor.GENERIC, DN, false));
        assertNull(LdapDirectory.unlockRequest(Vendor.GENERIC, DN));
    }

    @Test
    void adUnlockWritesLockoutTimeZeroAndOpenLdapRemovesTheLockTime() {
        assertOnlyModification(
                LdapDirectory.unlockRequest(Vendor.ACTIVE_DIRECTORY, DN), ModificationType.REPLACE, "lockoutTime", "0");
        assertOnlyModification(
                LdapDirectory.unlockRequest(Vendor.OPENLDAP, DN), ModificationType.DELETE, "pwdAccountLockedTime");
    }

    @Test
    void lockValuesPerVendor() {
        assertTrue(LdapDirectory.locked(Vendor.ACTIVE_DIRECTORY, "134086320000000000"));
        assertFalse(LdapDirectory.locked(Vendor.ACTIVE_DIRECTORY, "0"));
        assertFalse(LdapDirectory.locked(Vendor.ACTIVE_DIRECTORY, null));
        assertFalse(LdapDirectory.locked(Vendor.ACTIVE_DIRECTORY, "garbage"));
        assertTrue(LdapDirectory.locked(Vendor.OPENLDAP, "20260102030405Z"));
        assertFalse(LdapDirectory.locked(Vendor.OPENLDAP, ""));
    }

    private static void assertOnlyModification(
            ModifyRequest request, ModificationType type, String attribute, String... values) {
        assertEquals(DN, request.getDN());
        assertEquals(1, request.getModifications().size());
        Modification modification = request.getModifications().get(0);
        assertEquals(type, modification.getModificationType());
        assertEquals(attribute, modification.getAttributeName());
        assertEquals(java.util.List.of(values), java.util.List.of(modification.getValues()));
        assertEquals(0, request.getControls().length, "no controls: a plain modify by the service account");
    }
}
