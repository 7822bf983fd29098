package io.github.sspr.it.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.ExpiryReminders;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.testing.SambaAd;
import jakarta.ws.rs.BadRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * {@code sspr-ldap} in Active Directory mode inside a real Keycloak against a real domain controller (Samba 4,
 * provisioned by the test, LDAPS with the domain controller's own certificate in a trust store): login by bind,
 * admin resets written as unicodePwd, AD's refusals explained rule by rule (domain policy and a fine-grained one), the
 * old password that AD still accepts for a while refused by Keycloak, the must-change flag as pwdLastSet, a user locked
 * out in AD resetting through the SSPR flow in the demo realm and coming out unlocked, and an outage of the domain
 * controller (logins from the synced hash, resets refused with nothing written, recovery without a restart), and
 * password-expiry reminders that follow AD's own computed expiry under a fine-grained policy.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SambaAdIT {

    static final String SERVICE_SECRET = "Samba-Svc-Keycloak-S3cret";
    // No password contains its account's name: Windows refuses that (Samba does not), and sspr-ldap's reading of AD's
    // refusals follows Windows.
    static final String ANN_FIRST = "Apple-First-Passw0rd";
    static final String ANN_SECOND = "Apple-Second-Passw0rd";
    static final String ANN_TEMPORARY = "Apple-Temporary-Passw0rd";
    static final String ANN_FINAL = "Apple-Final-Passw0rd-9";
    static final String ANN_CHANGED = "Apple-Changed-Passw0rd-7";
    static final String BOB_FIRST = "Bob-First-Passw0rd";
    static final String BOB_SHORT_FOR_AD = "Bob-Sixteen-Pw-1";
    static final String BOB_NEW = "Bob-Long-Enough-Passw0rd-2";
    static final String CLEO_FIRST = "Cherry-First-Passw0rd";
    static final String CLEO_MAIL = "cleo@corp.sspr.test";
    static final String CLEO_PSO = "CN=short-lived,CN=Password Settings Container,CN=System," + SambaAd.DOMAIN_DN;

    /** Every password this class sends through the server, for {@code ServerLogIT}. */
    public static final List<String> SECRETS = List.of(
            SERVICE_SECRET,
            SambaAd.TRUST_STORE_PASSWORD,
            ANN_FIRST,
            ANN_SECOND,
            ANN_TEMPORARY,
            ANN_FINAL,
            ANN_CHANGED,
            BOB_FIRST,
            BOB_SHORT_FOR_AD,
            BOB_NEW,
            CLEO_FIRST);

    static SambaAd samba;
    static String annDn;
    static String bobDn;
    static String componentId;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    @InjectRunOnServer(permittedPackages = "io.github.sspr.it")
    RunOnServerClient onServer;

    @BeforeAll
    static void startDomainController() throws Exception {
        assumeTrue(SambaAd.available(), "Samba is not installed, or the tests do not run as root");
        samba = SambaAd.startDomain(SERVICE_SECRET);
        try (LDAPConnection administrator = samba.admin()) {
            annDn = samba.addUser(administrator, "ann", ANN_FIRST, "Ann", "Archer", "ann@corp.sspr.test");
            bobDn = samba.addUser(administrator, "boris", BOB_FIRST, "Bob", "Baker", "bob@corp.sspr.test");
            // Bob's fine-grained policy asks for 20 characters: more than the demo realm's own policy (10).
            samba.addPasswordSettings(administrator, "long-passwords", 1, 20, Duration.ZERO, 3, bobDn);
        }
        // As docs/writeback.md asks: the service account may read password settings, so refusals name their rule.
        samba.grantPasswordSettingsRead();
    }

    @AfterAll
    static void stopDomainController() throws Exception {
        if (samba != null) {
            samba.close();
        }
    }

    private void ensureComponent() {
        if (componentId != null) {
            return;
        }
        LdapIts.vault(realm.getName(), "sspr-samba-bind", SERVICE_SECRET);
        LdapIts.vault(realm.getName(), "sspr-samba-trust", SambaAd.TRUST_STORE_PASSWORD);
        componentId = LdapIts.addComponent(
                realm,
                "samba-ad",
                Map.ofEntries(
                        Map.entry("importEnabled", "true"),
                        Map.entry("vendor", "ad"),
                        Map.entry("connectionUrls", samba.ldapsUrl()),
                        Map.entry("tlsMode", "ldaps"),
                        Map.entry("trustStorePath", samba.trustStore().toString()),
                        Map.entry("trustStorePassword", "${vault.sspr-samba-trust}"),
                        Map.entry("bindDn", SambaAd.SERVICE),
                        Map.entry("bindCredential", "${vault.sspr-samba-bind}"),
                        Map.entry("usersDn", SambaAd.PEOPLE),
                        Map.entry("connectTimeoutMillis", "1000"),
                        Map.entry("unlockOnReset", "true")));
    }

    @Test
    @Order(1)
    void connectionTestOverLdapsAndLoginByBind() throws Exception {
        ensureComponent();
        JsonNode test = adminCall("POST", "/sspr/ldap/" + componentId + "/test");
        assertTrue(test.path("reachable").asBoolean(), test.toString());
        assertEquals("ad", test.path("vendor").asText());
        // Samba offers no policy-hints control: the admin can see that AD will not apply its history to resets.
        assertFalse(test.path("historyOnReset").asBoolean(true), test.toString());

        // The admin console's search finds a directory user who has never signed in (and imports her), as Keycloak's
        // LDAP provider does; a plain list does not ask the directory.
        assertTrue(listed("boris").isEmpty());
        List<UserRepresentation> found = realm.admin().users().search("bor", 0, 20);
        assertEquals(
                List.of("boris"),
                found.stream().map(UserRepresentation::getUsername).toList());
        assertEquals(componentId, found.get(0).getFederationLink());
        assertEquals(1, realm.admin().users().search("boris", true).size(), "exact search, now from Keycloak's store");
        assertEquals(List.of(), realm.admin().users().search("*)(sAMAccountName=*", 0, 20), "escaped: nobody");

        assertEquals(200, grant("ann", ANN_FIRST));
        assertEquals(400, grant("ann", "Apple-Wrong-Passw0rd"));
        UserRepresentation ann = user("ann");
        assertEquals(componentId, ann.getFederationLink());
        assertEquals("ann@corp.sspr.test", ann.getEmail());
    }

    @Test
    @Order(2)
    void anAdminResetIsWrittenAsUnicodePwdAndTheOldPasswordStopsWorkingInKeycloak() throws Exception {
        ensureComponent();
        assertEquals(200, grant("ann", ANN_FIRST));
        reset("ann", ANN_SECOND, false);
        assertTrue(binds(annDn, ANN_SECOND), "the directory has the new password");
        // AD keeps accepting the old password for a while (its old-password grace); Samba does it on a simple bind.
        // Keycloak must not: the directory's pwdLastSet has not moved since our write, so the old one is stale.
        assertTrue(binds(annDn, ANN_FIRST), "the directory itself still takes the old password (AD's grace)");
        assertEquals(400, grant("ann", ANN_FIRST));
        assertEquals(200, grant("ann", ANN_SECOND));
    }

    @Test
    @Order(3)
    void adRefusalsReachTheAdminAsTheirRuleAndChangeNothing() throws Exception {
        ensureComponent();
        // The demo realm's own policy (10 characters, an upper-case letter, a digit) is met; AD's complexity (three
        // kinds of character out of four) is not: only the directory refuses, and says which rule.
        assertRefused("ann", "ABCDEFGHIJK1", "ssprLdapPasswordQuality");
        assertEquals(200, grant("ann", ANN_SECOND), "refusals change nothing");
    }

    @Test
    @Order(4)
    void aTemporaryPasswordIsPwdLastSetZeroAndAPermanentOneClearsIt() throws Exception {
        ensureComponent();
        reset("ann", ANN_TEMPORARY, true);
        assertEquals("0", pwdLastSet(annDn));
        assertTrue(user("ann").getRequiredActions().contains("UPDATE_PASSWORD"));
        reset("ann", ANN_FINAL, false);
        assertTrue(Long.parseLong(pwdLastSet(annDn)) > 0, "AD stores 'now' when -1 is written");
        assertFalse(user("ann").getRequiredActions().contains("UPDATE_PASSWORD"));
        assertEquals(200, grant("ann", ANN_FINAL));
    }

    @Test
    @Order(5)
    void aUserLockedOutInAdResetsThroughTheSsprFlowAndIsUnlocked() throws Exception {
        ensureComponent();
        assertEquals(200, grant("boris", BOB_FIRST));
        onServer.run(OnServer.registerRecoveryEmail(realm.getName(), "boris", "boris.alt@elsewhere.test"));
        for (int i = 0; i < 3; i++) {
            assertFalse(binds(bobDn, "Bob-Wrong-Passw0rd-" + i));
        }
        assertFalse(binds(bobDn, BOB_FIRST), "locked out in AD: the right password fails too");
        assertEquals(400, grant("boris", BOB_FIRST));

        ResetClient client = new ResetClient(realm.getName()).openReset().identify("boris", null);
        var sent = Mails.seen(mail);
        client.action("choose", "method", "email");
        String code = Mails.codeTo(mail, "boris.alt@elsewhere.test", sent, 8);
        client.action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());

        // Keycloak's policy is met (16 characters), Bob's fine-grained AD policy (20) is not: said on the same page.
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", BOB_SHORT_FOR_AD, "password-confirm", BOB_SHORT_FOR_AD));
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
        assertTrue(client.body().contains("too short for the directory"), client.body());

        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", BOB_NEW, "password-confirm", BOB_NEW));
        assertTrue(client.body().contains("Your password has been changed"), client.body());

        try (LDAPConnection administrator = samba.admin()) {
            assertEquals("0", administrator.getEntry(bobDn, "lockoutTime").getAttributeValue("lockoutTime"));
        }
        assertTrue(binds(bobDn, BOB_NEW), "written to AD and unlocked there");
        assertEquals(200, grant("boris", BOB_NEW));
        List<EventRepresentation> events = realm.admin()
                .getEvents(List.of("RESET_PASSWORD"), null, user("boris").getId(), null, null, null, 0, 50);
        assertTrue(
                events.stream()
                        .anyMatch(e -> "unlocked".equals(e.getDetails().get("sspr_directory_unlock"))
                                && "true".equals(e.getDetails().get("sspr_was_locked"))),
                "the unlock step reports the directory lockout it cleared: "
                        + events.stream().map(EventRepresentation::getDetails).toList());
        List<EventRepresentation> refusals = realm.admin()
                .getEvents(
                        List.of("UPDATE_CREDENTIAL_ERROR"), null, user("boris").getId(), null, null, null, 0, 50);
        assertTrue(
                refusals.stream()
                        .anyMatch(e -> e.getDetails()
                                .getOrDefault("sspr_directory_code", "")
                                .contains("ad=0000052D rule=minLength")),
                "the admin sees AD's raw code and the rule: "
                        + refusals.stream().map(EventRepresentation::getDetails).toList());
    }

    @Test
    @Order(6)
    void withTheDomainControllerDownLoginsUseTheHashAndResetsWriteNothing() throws Exception {
        ensureComponent();
        assertEquals(200, grant("ann", ANN_FINAL));
        samba.stop();
        try {
            assertEquals(200, grant("ann", ANN_FINAL), "hash sync: the login survives the outage");
            long start = System.nanoTime();
            assertRefused("ann", "Apple-Outage-Passw0rd-1", "ssprLdapUnreachable");
            assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "refused within the timeouts");
            JsonNode health = adminCall("GET", "/sspr/ldap/" + componentId + "/health");
            assertFalse(health.path("reachable").asBoolean(), health.toString());
            assertEquals(
                    "UNREACHABLE", health.path("lastWriteback").path("failure").asText(), health.toString());
        } finally {
            samba.launch();
        }
        assertTrue(binds(annDn, ANN_FINAL), "nothing was written during the outage");
        assertEquals(400, grant("ann", "Apple-Outage-Passw0rd-1"));
        assertEquals(200, grant("ann", ANN_FINAL), "back without a restart");
        assertTrue(adminCall("GET", "/sspr/ldap/" + componentId + "/health")
                .path("reachable")
                .asBoolean());
    }

    @Test
    @Order(7)
    void syncImportsNewAdUsersAndReadsChangesByWhenChanged() throws Exception {
        ensureComponent();
        String carlDn;
        try (LDAPConnection administrator = samba.admin()) {
            carlDn = samba.addUser(administrator, "carl", "Carl-First-Passw0rd", "Carl", "Cole", "carl@corp.sspr.test");
        }
        assertTrue(listed("carl").isEmpty(), "nobody has looked carl up yet");
        SynchronizationResultRepresentation full =
                realm.admin().userStorage().syncUsers(componentId, "triggerFullSync");
        assertTrue(full.getAdded() >= 1, full.getStatus());
        UserRepresentation carl = listed("carl").orElseThrow();
        assertEquals(componentId, carl.getFederationLink());
        assertTrue(carl.isEnabled());

        // In AD: a new address, and the account disabled (userAccountControl ACCOUNTDISABLE). whenChanged has a
        // one-second resolution: the changed-users sync must still see changes made in the second of the last sync.
        try (LDAPConnection administrator = samba.admin()) {
            administrator.modify(
                    "dn: " + carlDn,
                    "changetype: modify",
                    "replace: mail",
                    "mail: carl.new@corp.sspr.test",
                    "-",
                    "replace: userAccountControl",
                    "userAccountControl: 514");
        }
        SynchronizationResultRepresentation changed =
                realm.admin().userStorage().syncUsers(componentId, "triggerChangedUsersSync");
        assertTrue(changed.getUpdated() >= 1, changed.getStatus());
        UserRepresentation after = listed("carl").orElseThrow();
        assertEquals("carl.new@corp.sspr.test", after.getEmail());
        assertFalse(after.isEnabled(), "disabled in AD, disabled in Keycloak");
    }

    @Test
    @Order(8)
    void aUsersOwnChangeOnTheSsprPageIsAnAdChangeWithTheWholePolicy() throws Exception {
        ensureComponent();
        assertEquals(200, grant("ann", ANN_FINAL));
        try (PolicyFixture policy = PolicyFixture.apply(realm, Map.of("requireRegistration", List.of("false")));
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), "ann", ANN_FINAL, null);
            assertTrue(browser.signedIn(), browser.url() + "\n" + browser.html());
            browser.open(realm.getName(), "UPDATE_PASSWORD");
            assertTrue(browser.html().contains("template: sspr-change-password.ftl"), browser.html());

            // ANN_FIRST is older than the realm's own passwordHistory(3) but within AD's 24: a reset on Samba would
            // take it (no policy hints); the page hands the current password over, AD gets a change, and refuses.
            browser.type("password-current", ANN_FINAL)
                    .type("password-new", ANN_FIRST)
                    .type("password-confirm", ANN_FIRST)
                    .click("sspr-set-password");
            assertEquals(
                    "This password was used recently. Please choose one you have not used before.",
                    browser.fieldError("password-new"),
                    browser.html());
            assertTrue(binds(annDn, ANN_FINAL), "refused: nothing changed in AD");

            browser.type("password-current", ANN_FINAL)
                    .type("password-new", ANN_CHANGED)
                    .type("password-confirm", ANN_CHANGED)
                    .click("sspr-set-password");
            assertTrue(browser.signedIn(), browser.url() + "\n" + browser.html());
        }
        assertTrue(binds(annDn, ANN_CHANGED), "the change reached AD");
        assertEquals(200, grant("ann", ANN_CHANGED));
        assertEquals(400, grant("ann", ANN_FINAL), "the password before the change is refused by Keycloak");
        List<EventRepresentation> refusals = realm.admin()
                .getEvents(List.of("UPDATE_CREDENTIAL_ERROR"), null, user("ann").getId(), null, null, null, 0, 50);
        assertTrue(
                refusals.stream()
                        .anyMatch(e -> e.getDetails()
                                .getOrDefault("sspr_directory_code", "")
                                .contains("ad=0000052D rule=history")),
                refusals.stream().map(EventRepresentation::getDetails).toList().toString());
    }

    @Test
    @Order(9)
    void expiryRemindersFollowAdsComputedExpiryUnderAFineGrainedPolicy() throws Exception {
        ensureComponent();
        // Cleo's fine-grained policy (a PSO, not the domain's 42 days) says when her password expires: 10 days, then
        // 7, then 2; AD's msDS-UserPasswordExpiryTimeComputed is what sspr-ldap reads (docs/insight.md). Not 1 day:
        // for a maximum age of a day or less Samba computes "never expires" (SambaAdDirectoryTest).
        try (LDAPConnection administrator = samba.admin()) {
            String cleoDn = samba.addUser(administrator, "cleo", CLEO_FIRST, "Cleo", "Clark", CLEO_MAIL);
            samba.addPasswordSettings(administrator, "short-lived", 2, 7, Duration.ZERO, 0, cleoDn);
        }
        maxPasswordAgeOfCleosPolicy(10);
        realm.admin().userStorage().syncUsers(componentId, "triggerFullSync");
        UserRepresentation cleo = user("cleo");
        cleo.setEmailVerified(true); // a reminder goes to a verified address only
        realm.admin().users().get(cleo.getId()).update(cleo);

        ExpiryReminders reminders =
                new ExpiryReminders(new AdminApi(admin.tokenManager().getAccessTokenString()), realm.getName(), mail);
        try (PolicyFixture policy = PolicyFixture.apply(
                realm, Map.of("expiryReminderDays", List.of("14,7,2"), "requireRegistration", List.of("false")))) {
            reminders.run();
            reminders.await(CLEO_MAIL, 1);
            reminders.run();
            maxPasswordAgeOfCleosPolicy(7);
            reminders.run();
            reminders.run();
            reminders.await(CLEO_MAIL, 2);
            maxPasswordAgeOfCleosPolicy(2);
            reminders.run();
            List<String> mails = reminders.await(CLEO_MAIL, 3);
            reminders.run();
            // Each threshold once (a repeated run's reminder would have been sent before the next threshold's).
            assertEquals(3, reminders.to(CLEO_MAIL).size(), String.join("\n---\n", reminders.to(CLEO_MAIL)));
            ExpiryReminders.linkLandsOnTheChangePage(mails.get(2), "cleo", CLEO_FIRST);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Optional<UserRepresentation> listed(String username) {
        return LdapIts.listed(realm, username);
    }

    private void assertRefused(String username, String password, String messageKey) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> reset(username, password, false));
        String body = refused.getResponse().readEntity(String.class);
        assertTrue(body.contains(messageKey), body);
    }

    private static void maxPasswordAgeOfCleosPolicy(int days) throws Exception {
        try (LDAPConnection administrator = samba.admin()) {
            // AD intervals: negative counts of 100 ns.
            administrator.modify(
                    "dn: " + CLEO_PSO,
                    "changetype: modify",
                    "replace: msDS-MaximumPasswordAge",
                    "msDS-MaximumPasswordAge: " + -(days * 864_000_000_000L));
        }
    }

    private static boolean binds(String dn, String password) {
        try (LDAPConnection connection = samba.bound(dn, password)) {
            return connection.isConnected();
        } catch (LDAPException e) {
            return false;
        }
    }

    private static String pwdLastSet(String dn) throws LDAPException {
        try (LDAPConnection administrator = samba.admin()) {
            return administrator.getEntry(dn, "pwdLastSet").getAttributeValue("pwdLastSet");
        }
    }

    private UserRepresentation user(String username) {
        List<UserRepresentation> found = realm.admin().users().search(username, true);
        assertEquals(1, found.size(), "users named " + username);
        return found.get(0);
    }

    private void reset(String username, String password, boolean temporary) {
        LdapIts.reset(realm, user(username).getId(), password, temporary);
    }

    private int grant(String username, String password) {
        return LdapIts.grant(realm.getName(), username, password);
    }

    private JsonNode adminCall(String method, String path) throws Exception {
        return LdapIts.adminCall(admin, realm.getName(), method, path);
    }
}
