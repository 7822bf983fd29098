package io.github.sspr.it.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.ExpiryReminders;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * Password-expiry reminders for a local user (docs/insight.md, "Password-expiry reminders") on a real Keycloak: the
 * realm's {@code forceExpiredPasswordChange} days are set so that each threshold of {@code 14,7,1} falls due in turn
 * (10 days left, then 7, then 1); each is mailed and texted once however often the task runs, a new password starts
 * over, every reminder is an activity row, the dashboard's outlook counts the password, and the mail's link lands on
 * SSPR's change page.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ExpiryRemindersIT {

    /** Reminders at 14, 7 and 1 days; no registration prompt at sign-in, so the link's sign-in goes straight on. */
    private static final Map<String, List<String>> REMINDERS =
            Map.of("expiryReminderDays", List.of("14,7,1"), "requireRegistration", List.of("false"));

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectRunOnServer(permittedPackages = "io.github.sspr.it")
    RunOnServerClient onServer;

    AdminApi api;

    ExpiryReminders reminders;

    @BeforeEach
    void setUp() {
        api = new AdminApi(admin.tokenManager().getAccessTokenString());
        reminders = new ExpiryReminders(api, realm.getName(), mail);
        TwilioFake.acceptAll(twilio);
    }

    private String base() {
        return "/admin/realms/" + realm.getName() + "/sspr";
    }

    @Test
    void eachThresholdIsRemindedOncePerPasswordAndTheLinkLandsOnTheChangePage() throws Exception {
        String phone = UsedSecrets.addPhone("+14155550177");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "exp", false, phone);
        String originalPolicy = realm.admin().toRepresentation().getPasswordPolicy();
        try (PolicyFixture policy = PolicyFixture.apply(realm, REMINDERS)) {
            // Off by default: the setting is the switch.
            expireAfterDays(originalPolicy, 10);
            JsonNode outlook = json(api.get(base() + "/password-expiry"));
            assertTrue(outlook.path("within30").asInt() >= 1, outlook.toString());

            // 10 days left: the 14-day reminder, by mail and text; a second run sends nothing more.
            reminders.run();
            List<String> mails = reminders.await(user.email(), 1);
            assertTrue(mails.get(0).contains("(UTC)"), mails.get(0));
            TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 1);
            reminders.run();

            // 7 days left: the 7-day one (the previous run's mail would be here before it: it was scheduled first).
            expireAfterDays(originalPolicy, 7);
            reminders.run();
            reminders.run();
            mails = reminders.await(user.email(), 2);
            TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 2);

            // 1 day left: the last one.
            expireAfterDays(originalPolicy, 1);
            reminders.run();
            reminders.run();
            mails = reminders.await(user.email(), 3);
            assertEquals(
                    3,
                    TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), phone)
                            .size());
            outlook = json(api.get(base() + "/password-expiry"));
            assertTrue(outlook.path("within7").asInt() >= 1, outlook.toString());

            // A new password starts over: its 1-day reminder is due again.
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(UsedSecrets.add("Second-Passw0rd!"));
            password.setTemporary(false);
            realm.admin().users().get(user.id()).resetPassword(password);
            reminders.run();
            mails = reminders.await(user.email(), 4);
            reminders.run();

            // Exactly four reminders to this user: 14, 7, 1, and 1 for the new password (the repeated runs sent none; a
            // mail of theirs would have been scheduled before a later one and be counted here).
            assertEquals(4, reminders.to(user.email()).size(), String.join("\n---\n", reminders.to(user.email())));
            assertEquals(
                    4,
                    TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), phone)
                            .size());
            String sms = TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), phone)
                    .get(0)
                    .get("Body");
            assertTrue(sms.contains("kc_action=sspr-change-password"), sms);

            // One activity row per reminder, the threshold as its step.
            JsonNode rows = json(api.get(base() + "/activity?type=password-expiry-reminder&user=" + user.id()));
            List<String> steps = new ArrayList<>();
            rows.path("items").forEach(row -> {
                if (user.username().equals(row.path("username").asText())) {
                    steps.add(row.path("step").asText());
                    assertEquals("succeeded", row.path("result").asText(), row.toString());
                }
            });
            steps.sort(null);
            assertEquals(List.of("14d", "1d", "1d", "7d"), steps, rows.toString());

            // The link: the sign-in, then SSPR's change page.
            ExpiryReminders.linkLandsOnTheChangePage(mails.get(3), user.username(), "Second-Passw0rd!");
        } finally {
            RealmRepresentation rep = realm.admin().toRepresentation();
            rep.setPasswordPolicy(originalPolicy);
            realm.admin().update(rep);
        }
    }

    /**
     * The scheduled run has no request to take the server's URL from: it uses Keycloak's {@code hostname} option (the
     * suite's server sets it, as production does), and a realm's frontend URL wins over it.
     */
    @Test
    void theScheduledRunLinksToTheHostnameOptionOrTheRealmsFrontendUrl() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "exp-task", false, null);
        String originalPolicy = realm.admin().toRepresentation().getPasswordPolicy();
        try (PolicyFixture policy = PolicyFixture.apply(realm, REMINDERS)) {
            expireAfterDays(originalPolicy, 10);
            assertEquals(SsprServerConfig.HOSTNAME + "/", onServer.fetchString(ScheduledExpiry.runAsScheduled()));
            String mail = reminders.await(user.email(), 1).get(0);
            assertTrue(
                    mail.contains(SsprServerConfig.HOSTNAME + "/realms/" + realm.getName()
                            + "/protocol/openid-connect/auth?"),
                    mail);

            // Another password: its 7-day reminder links to the realm's frontend URL.
            RealmRepresentation rep = realm.admin().toRepresentation();
            rep.setAttributes(new HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes()));
            rep.getAttributes().put("frontendUrl", "http://127.0.0.1:8080");
            realm.admin().update(rep);
            expireAfterDays(originalPolicy, 7);
            onServer.fetchString(ScheduledExpiry.runAsScheduled());
            mail = reminders.await(user.email(), 2).get(1);
            assertTrue(mail.contains("http://127.0.0.1:8080/realms/" + realm.getName() + "/protocol/"), mail);
        } finally {
            RealmRepresentation rep = realm.admin().toRepresentation();
            rep.setPasswordPolicy(originalPolicy);
            if (rep.getAttributes() != null) {
                rep.getAttributes().put("frontendUrl", "");
            }
            realm.admin().update(rep);
        }
    }

    @Test
    void anAdminWithoutManageUsersCannotSendAndEveryoneNeedsViewUsers() {
        assertEquals(
                401,
                new AdminApi("not-a-token").get(base() + "/password-expiry").status());
        ResetUsers.Created plain = ResetUsers.create(realm.admin(), "exp-plain", true, null);
        AdminApi noRights =
                new AdminApi(AdminApi.passwordGrant(realm.getName(), plain.username(), ResetUsers.PASSWORD));
        assertEquals(403, noRights.get(base() + "/password-expiry").status());
        assertEquals(
                403,
                noRights.postJson(base() + "/password-expiry/run", Map.of()).status());
    }

    private void expireAfterDays(String originalPolicy, int days) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        String expire = "forceExpiredPasswordChange(" + days + ")";
        rep.setPasswordPolicy(
                originalPolicy == null || originalPolicy.isBlank() ? expire : originalPolicy + " and " + expire);
        realm.admin().update(rep);
    }

    private static JsonNode json(AdminApi.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.json();
    }
}
