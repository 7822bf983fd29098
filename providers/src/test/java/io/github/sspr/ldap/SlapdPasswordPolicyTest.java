package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import io.github.sspr.testing.Slapd;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The OpenLDAP mode against a real slapd with the ppolicy overlay: writes through RFC 3062 password modify with the
 * ppolicy control, the overlay's refusals mapped per rule (history, length), unlock of pwdAccountLockedTime, and an
 * outage of the real process with recovery. Skipped where the Debian {@code slapd} package is not installed.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class SlapdPasswordPolicyTest {

    static final String PEOPLE = Slapd.PEOPLE;
    static final String SERVICE = Slapd.SERVICE;
    static final String ANN = "uid=ann," + PEOPLE;

    static Slapd slapd;
    static LDAPConnectionPool pool;
    static LdapDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Slapd.available(), "Debian slapd is not installed");
        slapd = Slapd.startDirectory("Service-Acc0unt-Secret", "pwdLockout: TRUE", "pwdMaxFailure: 3");
        try (LDAPConnection root = slapd.root()) {
            root.add(
                    "dn: " + ANN,
                    "objectClass: inetOrgPerson",
                    "uid: ann",
                    "cn: Ann",
                    "sn: Archer",
                    "mail: ann@slapd.test",
                    "userPassword: Ann-First-Passw0rd");
        }
        Map<String, String> raw = new HashMap<>();
        raw.put(LdapConfigProperties.VENDOR, "openldap");
        raw.put(LdapConfigProperties.CONNECTION_URLS, "ldap://127.0.0.1:" + slapd.port());
        raw.put(LdapConfigProperties.TLS_MODE, "none");
        raw.put(LdapConfigProperties.BIND_DN, SERVICE);
        raw.put(LdapConfigProperties.BIND_CREDENTIAL, "Service-Acc0unt-Secret");
        raw.put(LdapConfigProperties.USERS_DN, PEOPLE);
        raw.put(LdapConfigProperties.CONNECT_TIMEOUT_MILLIS, "1000");
        LdapConfig config = LdapConfig.from(raw::get);
        assertEquals(List.of(), config.problems());
        pool = LdapConnections.open(config, "Service-Acc0unt-Secret", "");
        directory = new LdapDirectory(pool, config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    @Test
    void lookupBindWriteAndPolicyRules() throws Exception {
        DirectoryUser ann = directory.findByUsername("ann").orElseThrow();
        assertEquals(ANN, ann.dn());
        assertTrue(ann.uuid() != null && ann.uuid().length() == 36);
        assertEquals(BindOutcome.SUCCESS, directory.bind(ANN, "Ann-First-Passw0rd"));
        assertEquals(BindOutcome.INVALID_CREDENTIALS, directory.bind(ANN, "wrong-password"));

        directory.writePassword(ANN, "Ann-Second-Passw0rd", true);
        assertEquals(BindOutcome.SUCCESS, directory.bind(ANN, "Ann-Second-Passw0rd"));

        DirectoryException tooShort =
                assertThrows(DirectoryException.class, () -> directory.writePassword(ANN, "short", true));
        assertEquals(DirectoryFailure.PASSWORD_TOO_SHORT, tooShort.failure(), tooShort.rawCode());
        assertTrue(tooShort.rawCode().contains("ppolicy=PASSWORD_TOO_SHORT"), tooShort.rawCode());

        DirectoryException reused =
                assertThrows(DirectoryException.class, () -> directory.writePassword(ANN, "Ann-First-Passw0rd", true));
        assertEquals(DirectoryFailure.PASSWORD_IN_HISTORY, reused.failure(), reused.rawCode());
        assertEquals(BindOutcome.SUCCESS, directory.bind(ANN, "Ann-Second-Passw0rd"), "refusals change nothing");
    }

    @Test
    void lockoutIsClearedByUnlock() throws Exception {
        String dn = "uid=bob," + PEOPLE;
        try (LDAPConnection root = slapd.root()) {
            root.add(
                    "dn: " + dn,
                    "objectClass: inetOrgPerson",
                    "uid: bob",
                    "cn: Bob",
                    "sn: Baker",
                    "userPassword: Bob-First-Passw0rd");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(BindOutcome.INVALID_CREDENTIALS, directory.bind(dn, "wrong-" + i));
        }
        // Locked by ppolicy: even the right password fails now, and a lookup (or sync) reads the lock.
        assertFalse(directory.bind(dn, "Bob-First-Passw0rd") == BindOutcome.SUCCESS);
        DirectoryUser bob = directory.findByUsername("bob").orElseThrow();
        assertTrue(bob.locked());
        assertFalse(bob.disabled());
        assertTrue(directory.unlock(dn), "was locked");
        assertFalse(directory.findByUsername("bob").orElseThrow().locked());
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Bob-First-Passw0rd"));
        assertFalse(directory.unlock(dn), "not locked any more");
    }

    @Test
    void mustChangeIsPwdResetWhichSlapdAccepts() throws Exception {
        String dn = "uid=cleo," + PEOPLE;
        try (LDAPConnection root = slapd.root()) {
            root.add(
                    "dn: " + dn,
                    "objectClass: inetOrgPerson",
                    "uid: cleo",
                    "cn: Cleo",
                    "sn: Cole",
                    "userPassword: Cleo-First-Passw0rd");
        }
        directory.setMustChange(dn, true);
        try (LDAPConnection root = slapd.root()) {
            assertEquals("TRUE", root.getEntry(dn, "pwdReset").getAttributeValue("pwdReset"));
        }
        // ppolicy lets the user bind (to change the password); Keycloak's required action does the asking.
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Cleo-First-Passw0rd"));
        directory.setMustChange(dn, false);
        try (LDAPConnection root = slapd.root()) {
            assertFalse(root.getEntry(dn, "pwdReset").hasAttribute("pwdReset"));
        }
        directory.setMustChange(dn, false); // nothing to clear: no error
    }

    @Test
    void zOutageOfTheRealProcessAndRecovery() throws Exception {
        slapd.stop();
        try {
            long start = System.nanoTime();
            assertEquals(BindOutcome.UNREACHABLE, directory.bind(ANN, "Ann-Second-Passw0rd"));
            DirectoryException write = assertThrows(
                    DirectoryException.class, () -> directory.writePassword(ANN, "Ann-Outage-Passw0rd", true));
            assertEquals(DirectoryFailure.UNREACHABLE, write.failure());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
        } finally {
            slapd.launch();
        }
        assertEquals(BindOutcome.SUCCESS, directory.bind(ANN, "Ann-Second-Passw0rd"));
    }
}
