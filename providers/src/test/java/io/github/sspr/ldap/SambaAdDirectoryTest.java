package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import io.github.sspr.testing.SambaAd;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.models.UserModel;

/**
 * The Active Directory mode against a real domain controller (Samba 4, which speaks AD's LDAP: unicodePwd, 0000052D,
 * bind sub-codes, lockoutTime, pwdLastSet, fine-grained password policies), over LDAPS and StartTLS with certificate
 * and host-name checks. Skipped where Samba is not installed or the tests do not run as root.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class SambaAdDirectoryTest {

    static final String SERVICE_SECRET = "Svc-Keycloak-S3cret";
    static SambaAd samba;
    static LDAPConnectionPool pool;
    static LdapDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SambaAd.available(), "Samba is not installed, or not root");
        samba = SambaAd.startDomain(SERVICE_SECRET);
        pool = LdapConnections.open(config(samba.ldapsUrl(), "ldaps"), SERVICE_SECRET, SambaAd.TRUST_STORE_PASSWORD);
        directory = new LdapDirectory(pool, config(samba.ldapsUrl(), "ldaps"));
    }

    static LdapConfig config(String urls, String tlsMode) {
        Map<String, String> raw = new HashMap<>();
        raw.put(LdapConfigProperties.VENDOR, "ad");
        raw.put(LdapConfigProperties.CONNECTION_URLS, urls);
        raw.put(LdapConfigProperties.TLS_MODE, tlsMode);
        if (!tlsMode.equals("none")) {
            raw.put(LdapConfigProperties.TRUST_STORE_PATH, samba.trustStore().toString());
        }
        raw.put(LdapConfigProperties.BIND_DN, SambaAd.SERVICE);
        raw.put(LdapConfigProperties.BIND_CREDENTIAL, SERVICE_SECRET);
        raw.put(LdapConfigProperties.USERS_DN, SambaAd.PEOPLE);
        raw.put(LdapConfigProperties.CONNECT_TIMEOUT_MILLIS, "1000");
        LdapConfig config = LdapConfig.from(raw::get);
        assertEquals(List.of(), config.problems());
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (samba != null) {
            samba.close();
        }
    }

    private static String addUser(String sam, String password) throws LDAPException {
        try (LDAPConnection admin = samba.admin()) {
            return samba.addUser(admin, sam, password, sam, "Tester", sam + "@corp.sspr.test");
        }
    }

    @Test
    void lookupReadsGuidNamesAndState() throws Exception {
        String dn = addUser("ann", "Ann-First-Passw0rd");
        DirectoryUser ann = directory.findByUsername("ann").orElseThrow();
        assertEquals(dn, ann.dn());
        byte[] guid;
        try (LDAPConnection admin = samba.admin()) {
            guid = admin.getEntry(dn, "objectGUID").getAttributeValueBytes("objectGUID");
        }
        assertEquals(AdPasswords.guidToString(guid), ann.uuid());
        assertEquals("ann@corp.sspr.test", ann.email());
        assertEquals(
                dn, directory.findByEmail("ann@corp.sspr.test").orElseThrow().dn());
        assertFalse(ann.disabled());
        assertFalse(ann.locked());
        // RFC 4515 escaping by construction: these match nobody rather than everybody.
        for (String odd : List.of("*", "*)(sAMAccountName=*", "ann\u0000", "a".repeat(10_000))) {
            assertTrue(directory.findByUsername(odd).isEmpty(), odd.length() > 40 ? "10 000 chars" : odd);
        }
    }

    @Test
    void theAdminConsolesSearchFindsDirectoryUsers() throws Exception {
        addUser("hugo", "Harbor-First-Passw0rd");
        addUser("hugh", "Hollow-First-Passw0rd");
        List<String> found = directory
                .search(
                        DirectorySearch.filter(directory.config(), Map.of(UserModel.SEARCH, "hug"))
                                .orElseThrow(),
                        10)
                .stream()
                .map(DirectoryUser::username)
                .sorted()
                .toList();
        assertEquals(List.of("hugh", "hugo"), found);
        assertEquals(
                1,
                directory
                        .search(
                                DirectorySearch.filter(directory.config(), Map.of(UserModel.SEARCH, "\"hugo\""))
                                        .orElseThrow(),
                                10)
                        .size());
        // The size limit holds (the service account sees more than one match).
        assertEquals(
                1,
                directory
                        .search(
                                DirectorySearch.filter(directory.config(), Map.of(UserModel.SEARCH, "hug"))
                                        .orElseThrow(),
                                1)
                        .size());
    }

    @Test
    void bindThenResetWithPolicyHintsAndEveryRuleExplained() throws Exception {
        String dn = addUser("ben", "Ben-First-Passw0rd");
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Ben-First-Passw0rd"));
        assertEquals(BindOutcome.INVALID_CREDENTIALS, directory.bind(dn, "Ben-Wrong-Passw0rd"));

        directory.writePassword(dn, "Ben-Second-Passw0rd", true);
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Ben-Second-Passw0rd"));
        // (The old password may still bind for a while: AD's old-password grace. SambaAdIT shows Keycloak refusing it.)

        DirectoryException tooShort =
                assertThrows(DirectoryException.class, () -> directory.writePassword(dn, "Ab1!", true));
        assertEquals(DirectoryFailure.PASSWORD_TOO_SHORT, tooShort.failure(), tooShort.rawCode());
        assertTrue(
                tooShort.rawCode().contains("ad=0000052D") && tooShort.rawCode().contains("rule=minLength"),
                tooShort.rawCode());

        DirectoryException simple =
                assertThrows(DirectoryException.class, () -> directory.writePassword(dn, "alllowercaseletters", true));
        assertEquals(DirectoryFailure.PASSWORD_QUALITY, simple.failure(), simple.rawCode());

        // (Windows also refuses a password that contains the account name; Samba 4.17 does not, so it is not tried.)

        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Ben-Second-Passw0rd"), "refusals change nothing");

        // Samba offers no policy-hints control (Windows Server 2012+ does): asked once, a reset goes without it
        // instead of failing with unavailableCriticalExtension, and AD's history does not apply to it.
        assertEquals(Optional.empty(), directory.policyHintsOid());
        directory.writePassword(dn, "Ben-First-Passw0rd", true);
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Ben-First-Passw0rd"));
    }

    @Test
    void aFineGrainedPolicyIsReadWhenTheServiceAccountMayAndNeverGuessedWhenNot() throws Exception {
        String dn = addUser("yuri", "Yuri-First-Passw0rd");
        try (LDAPConnection admin = samba.admin()) {
            samba.addPasswordSettings(admin, "young", 1, 12, Duration.ofDays(1), 0, dn);
        }
        // 9 characters: enough for the domain (7), too short for the PSO (12), which AD enforces on resets too.
        String nine = "Yuri-Pw1!";
        // By default only Domain Admins may read password settings: the rule is "unknown", not the domain's guess.
        DirectoryException unread =
                assertThrows(DirectoryException.class, () -> directory.writePassword(dn, nine, true));
        assertEquals(DirectoryFailure.PASSWORD_POLICY, unread.failure(), unread.rawCode());
        assertTrue(unread.rawCode().contains("ad=0000052D rule=unknown (pso=unreadable)"), unread.rawCode());

        // What docs/writeback.md tells admins to grant: read on the Password Settings Container (here to Account
        // Operators).
        samba.grantPasswordSettingsRead();
        AdPolicyReader.AdUserPolicy policy = directory.adPolicy(dn);
        assertEquals(12, policy.policy().minLength(), "the PSO's, not the domain's 7");
        assertEquals(5, policy.policy().historyLength());
        assertEquals(Duration.ofDays(1), policy.policy().minAge());
        assertTrue(policy.pwdLastSet().isAfter(Instant.now().minus(Duration.ofMinutes(10))), policy.toString());

        DirectoryException tooShort =
                assertThrows(DirectoryException.class, () -> directory.writePassword(dn, nine, true));
        assertEquals(DirectoryFailure.PASSWORD_TOO_SHORT, tooShort.failure(), tooShort.rawCode());
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Yuri-First-Passw0rd"));
    }

    @Test
    void aUsersOwnChangeGetsTheWholePolicyHistoryAndMinimumAgeIncluded() throws Exception {
        // (No password here contains the account name: Windows would refuse that, and so does our diagnosis.)
        String dn = addUser("gina", "Green-First-Passw0rd");
        directory.changePassword(dn, "Green-First-Passw0rd", "Green-Second-Passw0rd");
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Green-Second-Passw0rd"));

        // History: what a reset on Samba cannot show (no policy hints), a change does.
        DirectoryException reused = assertThrows(
                DirectoryException.class,
                () -> directory.changePassword(dn, "Green-Second-Passw0rd", "Green-First-Passw0rd"));
        assertEquals(DirectoryFailure.PASSWORD_IN_HISTORY, reused.failure(), reused.rawCode());
        assertTrue(reused.rawCode().contains("ad=0000052D rule=history"), reused.rawCode());

        // A wrong current password changes nothing (AD checks it; Keycloak's page checked it already).
        DirectoryException wrongCurrent = assertThrows(
                DirectoryException.class,
                () -> directory.changePassword(dn, "Not-Her-Passw0rd", "Green-Third-Passw0rd"));
        assertTrue(wrongCurrent.rawCode().startsWith("ldap="), wrongCurrent.rawCode());
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Green-Second-Passw0rd"));

        // Minimum age, from a fine-grained policy the service account may read (granted in the PSO test or here).
        samba.grantPasswordSettingsRead();
        try (LDAPConnection admin = samba.admin()) {
            samba.addPasswordSettings(admin, "one-day", 2, 7, Duration.ofDays(1), 0, dn);
        }
        DirectoryException tooYoung = assertThrows(
                DirectoryException.class,
                () -> directory.changePassword(dn, "Green-Second-Passw0rd", "Green-Fourth-Passw0rd"));
        assertEquals(DirectoryFailure.PASSWORD_TOO_YOUNG, tooYoung.failure(), tooYoung.rawCode());
        Instant retry = tooYoung.retryAfter().orElseThrow();
        assertEquals(directory.adPolicy(dn).pwdLastSet().plus(Duration.ofDays(1)), retry);
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Green-Second-Passw0rd"), "refusals change nothing");
    }

    @Test
    void expiryIsAdsComputedOneWhichHonoursAFineGrainedPolicy() throws Exception {
        // The domain's maximum age 60 days; a PSO of 42 days for one user (docs/insight.md, "Password-expiry
        // reminders"): AD's msDS-UserPasswordExpiryTimeComputed says which applies.
        samba.tool("domain", "passwordsettings", "set", "--max-pwd-age=60");
        String plain = addUser("quinn", "Quinn-First-Passw0rd");
        String governed = addUser("rosa", "Rosa-First-Passw0rd");
        try (LDAPConnection admin = samba.admin()) {
            samba.addPasswordSettings(admin, "expiring", 2, 7, Duration.ZERO, 0, governed);
        }
        long[] domain = directory.passwordExpiry(plain).orElseThrow();
        assertTrue(Math.abs(System.currentTimeMillis() - domain[0]) < 10 * 60_000, "pwdLastSet is now");
        assertEquals(Duration.ofDays(60).toMillis(), domain[1] - domain[0]);
        long[] pso = directory.passwordExpiry(governed).orElseThrow();
        assertEquals(Duration.ofDays(42).toMillis(), pso[1] - pso[0]);
        // The PSO shortened: AD computes the new expiry at once (the reminder IT walks 10, 7 and 2 days this way).
        for (int days : new int[] {7, 2}) {
            maxAge(days);
            pso = directory.passwordExpiry(governed).orElseThrow();
            assertEquals(Duration.ofDays(days).toMillis(), pso[1] - pso[0], days + " days");
        }
        // A maximum age of one day or less: Samba computes "never expires" (9223372036854775807), so nothing is due.
        maxAge(1);
        assertEquals(Optional.empty(), directory.passwordExpiry(governed));

        // Must change at next logon (pwdLastSet 0): nothing to remind.
        directory.setMustChange(plain, true);
        assertEquals(Optional.empty(), directory.passwordExpiry(plain));
        directory.setMustChange(plain, false);
    }

    private void maxAge(int days) throws Exception {
        try (LDAPConnection admin = samba.admin()) {
            // AD intervals: negative counts of 100 ns.
            admin.modify(
                    "dn: CN=expiring,CN=Password Settings Container,CN=System," + SambaAd.DOMAIN_DN,
                    "changetype: modify",
                    "replace: msDS-MaximumPasswordAge",
                    "msDS-MaximumPasswordAge: " + -(days * 864_000_000_000L));
        }
    }

    @Test
    void lockoutTimeIsReadAndClearedByUnlock() throws Exception {
        String dn = addUser("cleo", "Cleo-First-Passw0rd");
        for (int i = 0; i < 3; i++) {
            assertEquals(BindOutcome.INVALID_CREDENTIALS, directory.bind(dn, "Cleo-Wrong-" + i));
        }
        assertEquals(BindOutcome.ACCOUNT_UNUSABLE, directory.bind(dn, "Cleo-First-Passw0rd"), "775: locked out");
        assertTrue(directory.findByUsername("cleo").orElseThrow().locked());

        assertTrue(directory.unlock(dn), "was locked");
        try (LDAPConnection admin = samba.admin()) {
            assertEquals("0", admin.getEntry(dn, "lockoutTime").getAttributeValue("lockoutTime"));
        }
        assertFalse(directory.findByUsername("cleo").orElseThrow().locked());
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Cleo-First-Passw0rd"));
        assertFalse(directory.unlock(dn), "nothing to unlock any more");
    }

    @Test
    void mustChangeIsPwdLastSetZeroAndDisabledIsUserAccountControl() throws Exception {
        String dn = addUser("dora", "Dora-First-Passw0rd");
        directory.setMustChange(dn, true);
        try (LDAPConnection admin = samba.admin()) {
            assertEquals("0", admin.getEntry(dn, "pwdLastSet").getAttributeValue("pwdLastSet"));
        }
        assertEquals(BindOutcome.MUST_CHANGE, directory.bind(dn, "Dora-First-Passw0rd"), "773");
        directory.writePassword(dn, "Dora-Second-Passw0rd", true);
        directory.setMustChange(dn, false);
        try (LDAPConnection admin = samba.admin()) {
            long pwdLastSet = Long.parseLong(admin.getEntry(dn, "pwdLastSet").getAttributeValue("pwdLastSet"));
            assertTrue(pwdLastSet > 0, "AD stores 'now' for -1");
        }
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Dora-Second-Passw0rd"));

        try (LDAPConnection admin = samba.admin()) {
            admin.modify("dn: " + dn, "changetype: modify", "replace: userAccountControl", "userAccountControl: 514");
        }
        assertTrue(directory.findByUsername("dora").orElseThrow().disabled());
        assertEquals(BindOutcome.ACCOUNT_UNUSABLE, directory.bind(dn, "Dora-Second-Passw0rd"), "533: disabled");
    }

    @Test
    void startTlsWorksAndCleartextNeverCarriesAPassword() throws Exception {
        String dn = addUser("eve", "Eve-First-Passw0rd");
        LdapConfig startTls = config(samba.ldapUrl(), "starttls");
        try (LDAPConnectionPool tlsPool =
                LdapConnections.open(startTls, SERVICE_SECRET, SambaAd.TRUST_STORE_PASSWORD)) {
            LdapDirectory overStartTls = new LdapDirectory(tlsPool, startTls);
            overStartTls.writePassword(dn, "Eve-Second-Passw0rd", true);
            assertEquals(BindOutcome.SUCCESS, overStartTls.bind(dn, "Eve-Second-Passw0rd"));
        }
        LdapConfig cleartext = config(samba.ldapUrl(), "none");
        try (LDAPConnectionPool plainPool = LdapConnections.open(cleartext, SERVICE_SECRET, "")) {
            LdapDirectory overCleartext = new LdapDirectory(plainPool, cleartext);
            DirectoryException refused = assertThrows(
                    DirectoryException.class, () -> overCleartext.writePassword(dn, "Eve-Third-Passw0rd", true));
            assertEquals(DirectoryFailure.TLS_REQUIRED, refused.failure());
            // AD (like Samba by default) also refuses simple binds without TLS: the service account cannot log in.
            LDAPException bind = assertThrows(LDAPException.class, plainPool::getConnection);
            assertEquals(ResultCode.STRONG_AUTH_REQUIRED, bind.getResultCode(), bind.getMessage());
        }
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Eve-Second-Passw0rd"));
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
        // Trusting the CA is not enough: the certificate must also name the host of the URL, or anyone with a
        // certificate of the same CA could stand in for the directory and collect every password. A server on
        // localhost presents the domain controller's certificate (dc1.sspr.test and its address, not localhost).
        // (UnboundID lets loopback *addresses* pass this check by design; names do not, so the test uses a name.)
        SSLUtil serverSsl = new SSLUtil(
                new KeyStoreKeyManager(
                        samba.serverKeyStore().toFile(), SambaAd.TRUST_STORE_PASSWORD.toCharArray(), "PKCS12", null),
                null);
        InMemoryDirectoryServerConfig serverConfig = new InMemoryDirectoryServerConfig(SambaAd.DOMAIN_DN);
        serverConfig.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps", InetAddress.getLoopbackAddress(), 0, serverSsl.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig(
                        "ldap", InetAddress.getLoopbackAddress(), 0, serverSsl.createSSLSocketFactory()));
        InMemoryDirectoryServer impostor = new InMemoryDirectoryServer(serverConfig);
        impostor.startListening();
        try {
            for (String tls : List.of("ldaps", "starttls")) {
                String url = tls.equals("ldaps")
                        ? "ldaps://localhost:" + impostor.getListenPort("ldaps")
                        : "ldap://localhost:" + impostor.getListenPort("ldap");
                LdapConfig byName = config(url, tls);
                try (LDAPConnectionPool impostorPool =
                        LdapConnections.open(byName, SERVICE_SECRET, SambaAd.TRUST_STORE_PASSWORD)) {
                    LDAPException refused = assertThrows(LDAPException.class, impostorPool::getConnection, tls);
                    assertTrue(refused.getMessage().contains("Hostname verification failed"), tls + ": " + refused);
                    LdapDirectory impostorDirectory = new LdapDirectory(impostorPool, byName);
                    DirectoryException write = assertThrows(
                            DirectoryException.class,
                            () -> impostorDirectory.writePassword(
                                    "CN=ann," + SambaAd.PEOPLE, "Never-Sent-Passw0rd", true));
                    assertEquals(DirectoryFailure.UNREACHABLE, write.failure(), tls);
                    assertTrue(write.rawCode().contains("tls=hostname"), write.rawCode());
                }
            }
        } finally {
            impostor.shutDown(true);
        }
    }

    @Test
    void zOutageOfTheRealServerAndRecovery() throws Exception {
        String dn = addUser("finn", "Finn-First-Passw0rd");
        samba.stop();
        try {
            long start = System.nanoTime();
            assertEquals(BindOutcome.UNREACHABLE, directory.bind(dn, "Finn-First-Passw0rd"));
            DirectoryException write = assertThrows(
                    DirectoryException.class, () -> directory.writePassword(dn, "Finn-Second-Passw0rd", true));
            assertEquals(DirectoryFailure.UNREACHABLE, write.failure());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
        } finally {
            samba.launch();
        }
        assertEquals(BindOutcome.SUCCESS, directory.bind(dn, "Finn-First-Passw0rd"));
    }
}
