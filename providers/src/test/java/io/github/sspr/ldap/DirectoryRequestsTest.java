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
                AccountFlags.mustChangeRequest(Vendor.ACTIVE_DIRECTORY, DN, true),
                ModificationType.REPLACE,
                "pwdLastSet",
                "0");
        assertOnlyModification(
                AccountFlags.mustChangeRequest(Vendor.ACTIVE_DIRECTORY, DN, false),
                ModificationType.REPLACE,
                "pwdLastSet",
                "-1");
    }

    @Test
    void openLdapTemporaryPasswordSetsPwdResetAndTheUsersOwnChangeRemovesIt() {
        assertOnlyModification(
                AccountFlags.mustChangeRequest(Vendor.OPENLDAP, DN, true),
                ModificationType.REPLACE,
                "pwdReset",
                "TRUE");
        ModifyRequest clear = AccountFlags.mustChangeRequest(Vendor.OPENLDAP, DN, false);
        assertOnlyModification(clear, ModificationType.DELETE, "pwdReset");
    }

    @Test
    void genericLdapHasNoMustChangeFlagAndNoLockout() {
        assertNull(AccountFlags.mustChangeRequest(Vendor.GENERIC, DN, true));
        assertNull(AccountFlags.mustChangeRequest(Vendor.GENERIC, DN, false));
        assertNull(AccountFlags.unlockRequest(Vendor.GENERIC, DN));
    }

    @Test
    void adUnlockWritesLockoutTimeZeroAndOpenLdapRemovesTheLockTime() {
        assertOnlyModification(
                AccountFlags.unlockRequest(Vendor.ACTIVE_DIRECTORY, DN), ModificationType.REPLACE, "lockoutTime", "0");
        assertOnlyModification(
                AccountFlags.unlockRequest(Vendor.OPENLDAP, DN), ModificationType.DELETE, "pwdAccountLockedTime");
    }

    @Test
    void lockValuesPerVendor() {
        assertTrue(AccountFlags.locked(Vendor.ACTIVE_DIRECTORY, "134086320000000000"));
        assertFalse(AccountFlags.locked(Vendor.ACTIVE_DIRECTORY, "0"));
        assertFalse(AccountFlags.locked(Vendor.ACTIVE_DIRECTORY, null));
        assertFalse(AccountFlags.locked(Vendor.ACTIVE_DIRECTORY, "garbage"));
        assertTrue(AccountFlags.locked(Vendor.OPENLDAP, "20260102030405Z"));
        assertFalse(AccountFlags.locked(Vendor.OPENLDAP, ""));
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
