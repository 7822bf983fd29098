package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory operations against an UnboundID in-memory server (schema off, so ppolicy attributes can be set). */
class LdapDirectoryTest {

    private static final String BASE = "dc=unit,dc=test";
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String SERVICE = "cn=svc," + BASE;

    private InMemoryDirectoryServer server;
    private LDAPConnectionPool pool;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("default", port));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: unit");
        server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + SERVICE, "objectClass: person", "cn: svc", "sn: svc", "userPassword: svc-secret");
        for (String uid : List.of("ann", "bob", "*")) {
            server.add(
                    "dn: uid=" + (uid.equals("*") ? "\\2a" : uid) + "," + PEOPLE,
                    "objectClass: inetOrgPerson",
                    "objectClass: organizationalPerson",
                    "uid: " + uid,
                    "cn: " + uid,
                    "sn: " + uid,
                    "mail: " + (uid.equals("*") ? "star" : uid) + "@unit.test",
                    "userPassword: " + uid + "-pass");
        }
        server.startListening();
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        server.shutDown(true);
    }

    private LdapDirectory directory(String vendor) throws Exception {
        return directory(vendor, "ldap://localhost:" + port);
    }

    private LdapDirectory directory(String vendor, String urls) throws Exception {
        Map<String, String> raw = new HashMap<>();
        raw.put(LdapConfigProperties.VENDOR, vendor);
        raw.put(LdapConfigProperties.CONNECTION_URLS, urls);
        raw.put(LdapConfigProperties.TLS_MODE, "none");
        raw.put(LdapConfigProperties.BIND_DN, SERVICE);
        raw.put(LdapConfigProperties.BIND_CREDENTIAL, "svc-secret");
        raw.put(LdapConfigProperties.USERS_DN, PEOPLE);
        raw.put(LdapConfigProperties.CONNECT_TIMEOUT_MILLIS, "1000");
        LdapConfig config = LdapConfig.from(raw::get);
        assertEquals(List.of(), config.problems());
        if (pool != null) {
            pool.close();
        }
        pool = LdapConnections.open(config, "svc-secret", "");
        return new LdapDirectory(pool, config);
    }

    @Test
    void findsByUsernameAndEmailWithoutFilterInjection() throws Exception {
        LdapDirectory directory = directory("generic");
        DirectoryUser ann = directory.findByUsername("ann").orElseThrow();
        assertEquals("uid=ann," + PEOPLE, ann.dn());
        assertEquals("ann@unit.test", ann.email());
        assertTrue(ann.uuid() != null && ann.uuid().length() == 36, ann.uuid());
        assertEquals("bob", directory.findByEmail("bob@unit.test").orElseThrow().username());
        // "*" is a literal value: it finds the one user named "*", never everybody.
        assertEquals("*", directory.findByUsername("*").orElseThrow().username());
        assertTrue(directory.findByUsername("ann)(uid=*").isEmpty());
        assertTrue(directory.findByDn("uid=ann," + PEOPLE).isPresent());
        assertTrue(directory.findByDn("uid=nobody," + PEOPLE).isEmpty());
    }

    @Test
    void oddIdentifiersMatchNothingAndANulOrHugeNameIsJustNotFound() throws Exception {
        LdapDirectory directory = directory("generic");
        assertTrue(directory.findByUsername("*)(uid=*").isEmpty());
        assertTrue(directory.findByUsername("ann\u0000").isEmpty());
        assertTrue(directory.findByUsername("a".repeat(10_000)).isEmpty());
        assertTrue(directory.findByEmail("*").isEmpty());
    }

    @Test
    void failsOverToTheSecondUrlWhenTheFirstIsDead() throws Exception {
        int dead;
        try (ServerSocket free = new ServerSocket(0)) {
            dead = free.getLocalPort(); // closed again: nothing listens there
        }
        LdapDirectory directory = directory("generic", "ldap://localhost:" + dead + " ldap://localhost:" + port);
        assertEquals(
                "uid=ann," + PEOPLE,
                directory.findByUsername("ann").orElseThrow().dn());
        assertEquals(BindOutcome.SUCCESS, directory.bind("uid=ann," + PEOPLE, "ann-pass"));
    }

    @Test
    void bindsAsTheUserAndRevertsToTheServiceAccount() throws Exception {
        LdapDirectory directory = directory("generic");
        assertEquals(BindOutcome.SUCCESS, directory.bind("uid=ann," + PEOPLE, "ann-pass"));
        assertEquals(BindOutcome.INVALID_CREDENTIALS, directory.bind("uid=ann," + PEOPLE, "wrong"));
        assertEquals(BindOutcome.INVALID_CREDENTIALS, directory.bind("uid=ann," + PEOPLE, ""));
        // Still the service account: it can read.
        assertTrue(directory.findByUsername("bob").isPresent());
    }

    @Test
    void genericAndOpenLdapWrites() throws Exception {
        directory("generic").writePassword("uid=ann," + PEOPLE, "ann-new-1", true);
        assertEquals(BindOutcome.SUCCESS, directory("generic").bind("uid=ann," + PEOPLE, "ann-new-1"));
        LdapDirectory openldap = directory("openldap");
        openldap.writePassword("uid=ann," + PEOPLE, "ann-new-2", true);
        assertEquals(BindOutcome.SUCCESS, openldap.bind("uid=ann," + PEOPLE, "ann-new-2"));
        assertEquals(BindOutcome.INVALID_CREDENTIALS, openldap.bind("uid=ann," + PEOPLE, "ann-new-1"));
        DirectoryException missing = assertThrows(
                DirectoryException.class, () -> openldap.writePassword("uid=nobody," + PEOPLE, "x-y-z-1", true));
        // The in-memory server answers unwillingToPerform here (OpenLDAP: noSuchObject): a refusal, not an outage.
        assertEquals(DirectoryFailure.OTHER, missing.failure());
        assertEquals("ldap=53", missing.rawCode());
    }

    @Test
    void activeDirectoryRefusesToSendAPasswordWithoutTls() throws Exception {
        DirectoryException e = assertThrows(
                DirectoryException.class, () -> directory("ad").writePassword("cn=ann," + PEOPLE, "x", true));
        assertEquals(DirectoryFailure.TLS_REQUIRED, e.failure());
    }

    @Test
    void openLdapLockIsReadAndClearedButAPermanentLockIsADisable() throws Exception {
        LdapDirectory directory = directory("openldap");
        server.modify(
                "dn: uid=ann," + PEOPLE,
                "changetype: modify",
                "add: pwdAccountLockedTime",
                "pwdAccountLockedTime: 20260102030405Z");
        DirectoryUser ann = directory.findByUsername("ann").orElseThrow();
        assertTrue(ann.locked());
        assertFalse(ann.disabled());
        assertTrue(directory.unlock("uid=ann," + PEOPLE), "was locked");
        assertFalse(directory.findByUsername("ann").orElseThrow().locked());
        assertFalse(directory.unlock("uid=ann," + PEOPLE), "not locked: nothing to do, no error");

        server.modify(
                "dn: uid=bob," + PEOPLE,
                "changetype: modify",
                "add: pwdAccountLockedTime",
                "pwdAccountLockedTime: " + AccountFlags.OPENLDAP_PERMANENT_LOCK);
        DirectoryUser bob = directory.findByUsername("bob").orElseThrow();
        assertTrue(bob.disabled());
        assertFalse(bob.locked());
        // An administrator's permanent lock is a "disable": a self-service reset must not lift it.
        assertFalse(directory.unlock("uid=bob," + PEOPLE));
        assertTrue(directory.findByUsername("bob").orElseThrow().disabled());
    }

    @Test
    void activeDirectoryLockoutTimeIsReadAndCleared() throws Exception {
        server.modify(
                "dn: uid=ann," + PEOPLE,
                "changetype: modify",
                "add: lockoutTime",
                "lockoutTime: 134086320000000000",
                "-",
                "add: userAccountControl",
                "userAccountControl: 512");
        server.modify(
                "dn: uid=bob," + PEOPLE,
                "changetype: modify",
                "add: lockoutTime",
                "lockoutTime: 0",
                "-",
                "add: userAccountControl",
                "userAccountControl: 514");
        LdapDirectory ad = adDirectory();
        DirectoryUser ann = ad.findByUsername("ann").orElseThrow();
        assertTrue(ann.locked());
        assertFalse(ann.disabled());
        DirectoryUser bob = ad.findByUsername("bob").orElseThrow();
        assertFalse(bob.locked());
        assertTrue(bob.disabled(), "ACCOUNTDISABLE (0x2)");

        assertTrue(ad.unlock("uid=ann," + PEOPLE));
        assertEquals("0", server.getEntry("uid=ann," + PEOPLE).getAttributeValue("lockoutTime"));
        assertFalse(ad.unlock("uid=ann," + PEOPLE));
    }

    @Test
    void mustChangeFlagsAreWrittenAsEachVendorWants() throws Exception {
        String ann = "uid=ann," + PEOPLE;
        LdapDirectory ad = adDirectory();
        ad.setMustChange(ann, true);
        assertEquals("0", server.getEntry(ann).getAttributeValue("pwdLastSet"));
        ad.setMustChange(ann, false);
        assertEquals("-1", server.getEntry(ann).getAttributeValue("pwdLastSet"));

        LdapDirectory openldap = directory("openldap");
        openldap.setMustChange(ann, true);
        assertEquals("TRUE", server.getEntry(ann).getAttributeValue("pwdReset"));
        openldap.setMustChange(ann, false);
        assertFalse(server.getEntry(ann).hasAttribute("pwdReset"));
        openldap.setMustChange(ann, false); // nothing to clear: no error

        directory("generic").setMustChange(ann, true);
        assertFalse(server.getEntry(ann).hasAttribute("pwdReset"), "generic LDAP has no such flag");
    }

    /** AD mode over this server's inetOrgPerson entries (no TLS: these tests write no password). */
    private LdapDirectory adDirectory() throws Exception {
        Map<String, String> raw = new HashMap<>();
        raw.put(LdapConfigProperties.VENDOR, "ad");
        raw.put(LdapConfigProperties.CONNECTION_URLS, "ldap://localhost:" + port);
        raw.put(LdapConfigProperties.TLS_MODE, "none");
        raw.put(LdapConfigProperties.BIND_DN, SERVICE);
        raw.put(LdapConfigProperties.BIND_CREDENTIAL, "svc-secret");
        raw.put(LdapConfigProperties.USERS_DN, PEOPLE);
        raw.put(LdapConfigProperties.USERNAME_ATTRIBUTE, "uid");
        raw.put(LdapConfigProperties.UUID_ATTRIBUTE, "entryUUID");
        raw.put(LdapConfigProperties.USER_OBJECT_CLASSES, "inetOrgPerson");
        LdapConfig config = LdapConfig.from(raw::get);
        assertEquals(List.of(), config.problems());
        if (pool != null) {
            pool.close();
        }
        pool = LdapConnections.open(config, "svc-secret", "");
        return new LdapDirectory(pool, config);
    }

    @Test
    void outageIsTypedAndThePoolRecovers() throws Exception {
        LdapDirectory directory = directory("generic");
        assertTrue(directory.findByUsername("ann").isPresent());
        server.shutDown(true);

        long start = System.nanoTime();
        assertEquals(BindOutcome.UNREACHABLE, directory.bind("uid=ann," + PEOPLE, "ann-pass"));
        DirectoryException write = assertThrows(
                DirectoryException.class, () -> directory.writePassword("uid=ann," + PEOPLE, "during-outage", true));
        assertEquals(DirectoryFailure.UNREACHABLE, write.failure());
        assertEquals(
                DirectoryFailure.UNREACHABLE,
                assertThrows(DirectoryException.class, () -> directory.findByUsername("ann"))
                        .failure());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "outage answers must be fast");

        server.startListening();
        assertEquals(BindOutcome.SUCCESS, directory.bind("uid=ann," + PEOPLE, "ann-pass"));
        directory.writePassword("uid=ann," + PEOPLE, "after-outage", true);
        assertEquals(BindOutcome.SUCCESS, directory.bind("uid=ann," + PEOPLE, "after-outage"));
    }

    @Test
    void walksAllUsersAndChangedOnes() throws Exception {
        LdapDirectory directory = directory("generic");
        List<String> all = new ArrayList<>();
        directory.forEachUser(null, u -> all.add(u.username()));
        assertEquals(3, all.size(), all.toString());
        List<String> changed = new ArrayList<>();
        directory.forEachUser(
                new java.util.Date(System.currentTimeMillis() + 3_600_000L), u -> changed.add(u.username()));
        assertEquals(List.of(), changed);
        directory.ping();
    }

    @Test
    void readsTheEffectiveAdPolicyDomainOrPso() throws Exception {
        server.modify(
                "dn: " + BASE,
                "changetype: modify",
                "add: minPwdLength",
                "minPwdLength: 12",
                "-",
                "add: pwdHistoryLength",
                "pwdHistoryLength: 24",
                "-",
                "add: minPwdAge",
                "minPwdAge: -864000000000",
                "-",
                "add: pwdProperties",
                "pwdProperties: 1");
        server.modify(
                "dn: uid=ann," + PEOPLE, "changetype: modify", "add: pwdLastSet", "pwdLastSet: 134086320000000000");
        AdPolicyReader.AdUserPolicy domain = directory("generic").adPolicy("uid=ann," + PEOPLE);
        assertEquals(new AdPasswordPolicy(12, 24, java.time.Duration.ofDays(1), true), domain.policy());
        assertEquals("ann", domain.username());
        assertEquals(AdPasswordPolicy.filetime("134086320000000000"), domain.pwdLastSet());

        server.add(
                "dn: cn=admins-pso," + BASE,
                "objectClass: top",
                "cn: admins-pso",
                "msDS-MinimumPasswordLength: 16",
                "msDS-PasswordHistoryLength: 5",
                "msDS-MinimumPasswordAge: 0",
                "msDS-PasswordComplexityEnabled: FALSE");
        server.modify(
                "dn: uid=bob," + PEOPLE,
                "changetype: modify",
                "add: msDS-ResultantPSO",
                "msDS-ResultantPSO: cn=admins-pso," + BASE);
        assertEquals(
                new AdPasswordPolicy(16, 5, java.time.Duration.ZERO, false),
                directory("generic").adPolicy("uid=bob," + PEOPLE).policy());
    }
}
