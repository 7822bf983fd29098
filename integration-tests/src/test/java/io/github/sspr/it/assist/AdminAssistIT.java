package io.github.sspr.it.assist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Issue 7, items 1-3 on the demo realm: the self-service change page (account console, forced change after an admin's
 * temporary password), the administrator's reset link (recipients, once only, unlock, 403s) and helpdesk-assisted
 * verification (email through GreenMail, SMS through WireMock as Twilio).
 */
@ExtendWith(DemoDirectory.class) // the demo realm federates its directory: keep it reachable
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class AdminAssistIT {

    private static final Map<String, List<String>> NO_REGISTRATION_AT_SIGN_IN = Map.of(
            "requireRegistration", List.of("false"),
            "orgName", List.of("SSPR Demo"),
            "helpdeskLink", List.of("mailto:helpdesk@demo.sspr.test"));
    private static final Pattern ADMIN_LINK = Pattern.compile(
            "(http://localhost:8080/realms/[^/]+/login-actions/action-token\\?key=[A-Za-z0-9._-]+&client_id=account)");

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectAdminClient
    Keycloak admin;

    @BeforeEach
    void twilioAccepts() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));
    }

    // --- 1. self-service change --------------------------------------------------------------------------------------

    @Test
    void theAccountConsolesUpdateShowsTheSsprPageAsksTheCurrentPasswordAndNotifiesOnce() throws Exception {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "chg");
        String newPassword = "Changed-Passw0rd-" + suffix(user.username());
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_REGISTRATION_AT_SIGN_IN);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertTrue(browser.signedIn(), browser.url());

            // The account console's "Update" asks kc_action=UPDATE_PASSWORD; with an SSO session, not a fresh sign-in.
            browser.open(realm.getName(), "UPDATE_PASSWORD");
            assertTrue(browser.html().contains("template: sspr-change-password.ftl"), browser.html());
            assertTrue(browser.has("password-current"), "the current password is asked");
            assertTrue(browser.has("sspr-rule-length"), "the rules are shown up front");
            assertTrue(browser.html().contains("js/sspr-password.js"), "the live checklist script");

            browser.type("password-current", "Not-My-Passw0rd1")
                    .type("password-new", newPassword)
                    .type("password-confirm", newPassword)
                    .click("sspr-set-password");
            assertEquals("That is not your current password.", browser.fieldError("password-current"));

            browser.type("password-current", DemoUsers.PASSWORD)
                    .type("password-new", "short")
                    .type("password-confirm", "short")
                    .click("sspr-set-password");
            String broken = browser.fieldError("password-new");
            assertNotNull(broken, browser.html());
            // Said once, in our words; the checklist marks each rule the password breaks.
            assertTrue(broken.contains("rules marked"), "the refusal points at the checklist: " + broken);
            String page = browser.html();
            assertTrue(
                    page.contains("id=\"sspr-rule-length\" class=\"sspr-rule sspr-rule--unmet\""), "length is marked");
            assertTrue(
                    page.contains("id=\"sspr-rule-upperCase\" class=\"sspr-rule sspr-rule--unmet\""),
                    "upper case is marked");

            Set<String> before = Mails.seen(mail);
            browser.type("password-current", DemoUsers.PASSWORD)
                    .type("password-new", newPassword)
                    .type("password-confirm", newPassword)
                    .click("sspr-set-password");
            assertTrue(browser.signedIn(), browser.url() + "\n" + browser.html());

            MimeMessage notice = Mails.newMailTo(mail, user.email(), before);
            assertEquals("SSPR Demo: your password was changed", notice.getSubject());
            assertNoSecret(notice, newPassword, DemoUsers.PASSWORD);
            // One change, one mail: the notice follows the change's one UPDATE_CREDENTIAL event (Keycloak's legacy
            // UPDATE_PASSWORD twin sends nothing; NotifyEventsTest), so count the events instead of waiting for a
            // mail that must not come.
            long changes =
                    realm
                            .admin()
                            .getEvents(List.of("UPDATE_CREDENTIAL"), null, user.id(), null, null, null, 0, 100)
                            .stream()
                            .filter(e -> e.getDetails() != null
                                    && "password".equals(e.getDetails().get("credential_type")))
                            .count();
            assertEquals(1, changes, "one change, one event, one mail");
        }
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), newPassword)
                        .length()
                > 20);
        JsonNode rows = activity("self-service-change", user.username());
        assertEquals(1, count(rows, "succeeded"), rows.toString());
        assertTrue(count(rows, "failed") >= 2, "rejected attempts are recorded too: " + rows);
    }

    @Test
    void aTemporaryPasswordFromTheAdminConsoleGoesToTheSsprPageWithoutAskingItAgain() throws Exception {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "tmp");
        String temporary = "Temporary-Passw0rd-" + suffix(user.username());
        String chosen = "Chosen-Passw0rd-" + suffix(user.username());
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_REGISTRATION_AT_SIGN_IN);
                LoginBrowser browser = new LoginBrowser()) {
            Set<String> before = Mails.seen(mail);
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(temporary);
            password.setTemporary(true);
            realm.admin().users().get(user.id()).resetPassword(password);
            MimeMessage notice = Mails.newMailTo(mail, user.email(), before);
            assertEquals("SSPR Demo: an administrator reset your password", notice.getSubject());
            assertNoSecret(notice, temporary);

            browser.signIn(realm.getName(), user.username(), temporary, null);
            assertTrue(browser.html().contains("template: sspr-change-password.ftl"), browser.html());
            assertTrue(browser.html().contains("data-mode=\"forced\""), browser.html());
            assertFalse(browser.has("password-current"), "just typed at sign-in: not asked again");
            assertFalse(browser.has("sspr-cancel"), "a forced change cannot be skipped");
            browser.type("password-new", chosen)
                    .type("password-confirm", chosen)
                    .click("sspr-set-password");
            assertTrue(browser.signedIn(), browser.url() + "\n" + browser.html());
        }
        UserRepresentation after = realm.admin().users().get(user.id()).toRepresentation();
        assertFalse(after.getRequiredActions().contains("UPDATE_PASSWORD"), "Keycloak's own page does not follow");
        assertTrue(
                AdminApi.passwordGrant(realm.getName(), user.username(), chosen).length() > 20);
        assertEquals(1, count(activity("admin-reset", user.username()), "succeeded"));
    }

    // --- 2. administrator's reset link ---------------------------------------------------------------------------

    /** The start of the page for a used admin link (the message says what to do next). */
    private static final String LINK_USED = "This link was already used: it works once.";

    @Test
    void theAdminsResetLinkReachesEveryVerifiedAddressWorksOnceAndUnlocks() throws Exception {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "lnk", true, null);
        AdminApi manager = admin("mgr", "manage-users", "view-users", "view-events");
        lockOut(user.username());
        assertTrue(locked(user.id()), "five wrong passwords lock the account");

        Set<String> before = Mails.seen(mail);
        AdminApi.Response sent = manager.postJson(sendReset(user.id()), Map.of("unlock", true));
        assertEquals(200, sent.status(), sent.body());
        assertEquals(2, sent.json().path("sentTo").size(), sent.body());
        assertFalse(sent.body().contains(user.email()), "addresses are masked in the answer");
        assertEquals(60, sent.json().path("validMinutes").asInt());

        MimeMessage toAccount = Mails.newMailTo(mail, user.email(), before);
        MimeMessage toRecovery = Mails.newMailTo(mail, user.recoveryEmail(), before);
        String link = null;
        for (MimeMessage message : List.of(toAccount, toRecovery)) {
            assertEquals("SSPR Demo: choose a new password", message.getSubject());
            assertEquals(1, message.getAllRecipients().length, "one address per mail");
            Matcher matcher = ADMIN_LINK.matcher(Mails.text(message));
            assertTrue(matcher.find(), Mails.text(message));
            link = link == null ? matcher.group(1) : link;
            assertEquals(link, matcher.group(1), "the same link to both addresses");
            assertTrue(Mails.text(message).contains("works once and expires in 1 hour."), Mails.text(message));
            assertNoSecret(message, ResetUsers.PASSWORD);
        }

        String chosen = "Linked-Passw0rd-" + suffix(user.username());
        ResetClient client = new ResetClient(realm.getName());
        client.get(link);
        assertEquals("sspr-change-password.ftl", client.template(), client.body());
        assertTrue(client.body().contains("data-mode=\"admin-link\""), client.body());
        assertFalse(client.has("password-current"), "the link is the proof: no current password");
        String formAction = client.formAction("sspr-password-form");
        // A second tab on the same link, opened before the first sets the password.
        ResetClient secondTab = new ResetClient(realm.getName());
        secondTab.get(link);
        assertEquals("sspr-change-password.ftl", secondTab.template(), secondTab.body());

        before = Mails.seen(mail);
        client.submit(
                "sspr-password-form", Map.of("password-new", chosen, "password-confirm", chosen, "sspr-action", "set"));
        assertEquals(200, client.status(), client.body());
        assertTrue(client.body().contains("Your account has been updated"), client.body());
        assertFalse(locked(user.id()), "unlock in the same action");
        assertTrue(
                AdminApi.passwordGrant(realm.getName(), user.username(), chosen).length() > 20);

        // Notified at both addresses, as an admin reset, without the password.
        for (String address : List.of(user.email(), user.recoveryEmail())) {
            MimeMessage notice = Mails.newMailTo(mail, address, before);
            assertEquals("SSPR Demo: an administrator reset your password", notice.getSubject());
            assertNoSecret(notice, chosen);
        }
        JsonNode rows = activity("admin-reset", user.username());
        assertEquals(1, count(rows, "succeeded"), rows.toString());
        assertEquals(
                "admin-link", rows.path("items").path(0).path("methods").path(0).asText(), rows.toString());

        // Once only: the link again, in a fresh browser, and the old form post.
        ResetClient again = new ResetClient(realm.getName());
        again.get(link);
        assertFalse("sspr-change-password.ftl".equals(again.template()), again.body());
        assertFalse(again.has("sspr-password-form"), again.body());
        assertTrue(again.body().contains(LINK_USED), "says at once that the link was used: " + again.body());
        client.get(link);
        assertTrue(client.body().contains(LINK_USED), "in the same browser too: " + client.body());
        // The second tab's form, submitted after the first set the password: the same page, not a raw Keycloak error.
        secondTab.submit(
                "sspr-password-form",
                Map.of(
                        "password-new",
                        "Second-Passw0rd-8",
                        "password-confirm",
                        "Second-Passw0rd-8",
                        "sspr-action",
                        "set"));
        assertTrue(secondTab.body().contains(LINK_USED), secondTab.body());
        assertFalse(secondTab.body().contains("redirect_uri"), secondTab.body());
        client.postTo(formAction, Map.of("password-new", "Third-Passw0rd-9", "password-confirm", "Third-Passw0rd-9"));
        // The chosen password is the one that works — asked first: two wrong sign-ins in a row would trip
        // brute-force detection's quick-login check and refuse even the right password for a minute.
        assertTrue(
                AdminApi.passwordGrant(realm.getName(), user.username(), chosen).length() > 20);
        assertThrows(
                IllegalStateException.class,
                () -> AdminApi.passwordGrant(realm.getName(), user.username(), "Second-Passw0rd-8"));
        assertThrows(
                IllegalStateException.class,
                () -> AdminApi.passwordGrant(realm.getName(), user.username(), "Third-Passw0rd-9"));
    }

    @Test
    void onlyAdminsWhoMayManageTheUserMaySendOrVerify() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "perm", true, null);
        AdminApi viewer = admin("viewer", "view-users", "view-events");
        assertEquals(403, viewer.postJson(sendReset(user.id()), Map.of()).status());
        assertEquals(
                403,
                viewer.postJson(verify(user.id()) + "/send", Map.of("method", "email"))
                        .status());
        assertEquals(
                403,
                viewer.postJson(verify(user.id()) + "/check", Map.of("code", "12345678"))
                        .status());
        assertEquals(403, viewer.get(verify(user.id())).status());
        assertEquals(404, viewer.get(verify("no-such-user")).status(), "may list users: told it does not exist");

        String other = "sspr-assist-other-" + System.nanoTime();
        createRealmWithAdmin(other);
        try {
            AdminApi otherAdmin = new AdminApi(AdminApi.passwordGrant(other, "otheradmin", "Other-Passw0rd!"));
            assertEquals(
                    403, otherAdmin.postJson(sendReset(user.id()), Map.of()).status());
            assertEquals(
                    403,
                    otherAdmin
                            .postJson(verify(user.id()) + "/send", Map.of("method", "email"))
                            .status());
            assertEquals(403, otherAdmin.get(verify(user.id())).status());
            assertEquals(403, otherAdmin.get(verify("no-such-user")).status(), "ids cannot be probed");
        } finally {
            admin.realm(other).remove();
        }
        assertFalse(Mails.anyNewMailTo(mail, user.recoveryEmail(), Set.of()), "nothing was sent");
    }

    // --- 3. helpdesk-assisted verification -------------------------------------------------------------------------

    @Test
    void theHelpdeskVerifiesACallerByEmailAndSmsAndSeesTheLatestResult() throws Exception {
        String phone = "+1415555" + (1000 + (int) (System.nanoTime() % 9000));
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "call", true, phone);
        String agentName = "agent-" + suffix(user.username());
        AdminApi agent = admin(agentName, "manage-users", "view-users");

        JsonNode none = agent.get(verify(user.id())).json();
        assertEquals("none", none.path("result").asText(), none.toString());
        assertEquals(
                409,
                agent.postJson(verify(user.id()) + "/check", Map.of("code", "1"))
                        .status());
        assertEquals(
                400,
                agent.postJson(verify(user.id()) + "/send", Map.of("method", "questions"))
                        .status());

        // Email: the code goes to the registered recovery address, never into the answer.
        Set<String> before = Mails.seen(mail);
        AdminApi.Response sent = agent.postJson(verify(user.id()) + "/send", Map.of("method", "email"));
        assertEquals(200, sent.status(), sent.body());
        assertEquals("email", sent.json().path("method").asText());
        assertFalse(sent.body().contains(user.recoveryEmail()), sent.body());
        MimeMessage codeMail = Mails.newMailTo(mail, user.recoveryEmail(), before);
        assertEquals("SSPR Demo: your helpdesk verification code", codeMail.getSubject());
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);
        assertFalse(sent.body().contains(code), "the code is never returned");
        assertFalse(Mails.anyNewMailTo(mail, user.email(), before), "only the chosen method gets it");

        String wrong = code.equals("00000000") ? "11111111" : "00000000";
        JsonNode miss = agent.postJson(verify(user.id()) + "/check", Map.of("code", wrong))
                .json();
        assertEquals("wrong", miss.path("result").asText(), miss.toString());
        assertEquals(4, miss.path("triesLeft").asInt());
        assertEquals("wrong", agent.get(verify(user.id())).json().path("result").asText());

        // Another admin cannot check a code this agent sent.
        AdminApi colleague = admin("colleague", "manage-users", "view-users");
        assertEquals(
                409,
                colleague
                        .postJson(verify(user.id()) + "/check", Map.of("code", code))
                        .status());

        JsonNode hit = agent.postJson(verify(user.id()) + "/check", Map.of("code", code))
                .json();
        assertEquals("verified", hit.path("result").asText(), hit.toString());
        assertFalse(hit.toString().contains(code));
        JsonNode latest = agent.get(verify(user.id())).json();
        assertEquals("verified", latest.path("result").asText(), latest.toString());
        assertTrue(latest.path("verified").asBoolean());
        assertEquals("email", latest.path("method").asText());
        assertTrue(
                latest.path("admin").asText().startsWith(agentName + "-"),
                latest.toString()); // DemoUsers adds a suffix
        assertTrue(latest.path("time").asLong() > 0);
        assertFalse(latest.toString().contains(code));
        JsonNode replay = agent.postJson(verify(user.id()) + "/check", Map.of("code", code))
                .json();
        assertFalse(replay.path("verified").asBoolean(), "single use: " + replay);

        // SMS through Twilio (WireMock): to the registered phone, six digits.
        AdminApi.Response sms = agent.postJson(verify(user.id()) + "/send", Map.of("method", "sms"));
        assertEquals(200, sms.status(), sms.body());
        assertFalse(sms.body().contains(phone.substring(4)), "the number is masked: " + sms.body());
        List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())));
        Map<String, String> form = form(requests.get(requests.size() - 1).getBodyAsString());
        assertEquals(phone, form.get("To"));
        Matcher digits = Pattern.compile("\\b(\\d{6})\\b").matcher(form.get("Body"));
        assertTrue(digits.find(), form.get("Body"));
        assertTrue(form.get("Body").contains("helpdesk"), form.get("Body"));
        JsonNode smsHit = agent.postJson(verify(user.id()) + "/check", Map.of("code", digits.group(1)))
                .json();
        assertEquals("verified", smsHit.path("result").asText(), smsHit.toString());
        assertEquals("sms", agent.get(verify(user.id())).json().path("method").asText());

        // Recorded: one failed (the wrong code) and two verified rows; the colleague's try and the replay found no
        // code of theirs to compare (409 / no_code) and record nothing.
        AdminApi reader = admin("reader", "view-events");
        JsonNode rows = reader.get("/admin/realms/" + realm.getName()
                        + "/sspr/activity?type=helpdesk-verification&user=" + user.username())
                .json();
        assertEquals(2, count(rows, "succeeded"), rows.toString());
        assertEquals(1, count(rows, "failed"), rows.toString());
    }

    @Test
    void aPolicyCanRequireAFreshHelpdeskVerificationBeforeAnAdminReset() throws Exception {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "frs", true, null);
        AdminApi agent = admin("frsagent", "manage-users", "view-users");
        try (PolicyFixture policy = PolicyFixture.apply(realm, Map.of("adminResetHelpdeskMinutes", List.of("15")))) {
            // No verification yet: refused with a clear 409, and nothing is mailed.
            Set<String> before = Mails.seen(mail);
            AdminApi.Response refused = agent.postJson(sendReset(user.id()), Map.of());
            assertEquals(409, refused.status(), refused.body());
            assertEquals(
                    "helpdesk_verification_required",
                    refused.json().path("error").asText());
            assertEquals("none", refused.json().path("latestVerification").asText());
            assertEquals(15, refused.json().path("requiredWithinMinutes").asInt());
            assertTrue(refused.json().path("message").asText().startsWith("Verify the caller first"), refused.body());

            // A failed verification does not count.
            agent.postJson(verify(user.id()) + "/send", Map.of("method", "email"));
            String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);
            agent.postJson(verify(user.id()) + "/check", Map.of("code", code.equals("00000000") ? "1" : "00000000"));
            AdminApi.Response wrong = agent.postJson(sendReset(user.id()), Map.of());
            assertEquals(409, wrong.status(), wrong.body());
            assertEquals("wrong", wrong.json().path("latestVerification").asText());

            // A successful one within the window lets the link go out.
            JsonNode hit = agent.postJson(verify(user.id()) + "/check", Map.of("code", code))
                    .json();
            assertEquals("verified", hit.path("result").asText(), hit.toString());
            AdminApi.Response sent = agent.postJson(sendReset(user.id()), Map.of());
            assertEquals(200, sent.status(), sent.body());
            assertTrue(Mails.text(Mails.newMailTo(mail, user.email(), before)).contains("expires in 1 hour."));
        }
        // Off again (the default): no verification needed.
        ResetUsers.Created other = ResetUsers.create(realm.admin(), "frt", true, null);
        assertEquals(200, agent.postJson(sendReset(other.id()), Map.of()).status());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String sendReset(String userId) {
        return "/admin/realms/" + realm.getName() + "/sspr/users/" + userId + "/send-reset";
    }

    private String verify(String userId) {
        return "/admin/realms/" + realm.getName() + "/sspr/users/" + userId + "/verify";
    }

    private JsonNode activity(String type, String username) {
        AdminApi reader = admin("reader", "view-events");
        return reader.get("/admin/realms/" + realm.getName() + "/sspr/activity?type=" + type + "&user=" + username)
                .json();
    }

    private static long count(JsonNode rows, String result) {
        long n = 0;
        for (JsonNode row : rows.path("items")) {
            if (result.equals(row.path("result").asText())) {
                n++;
            }
        }
        return n;
    }

    /** A demo-realm user holding these realm-management roles, signed in to the admin API. */
    private AdminApi admin(String prefix, String... roles) {
        DemoUsers.Created created = DemoUsers.create(realm.admin(), prefix);
        RealmManagementRoles.grant(realm.admin(), created.id(), roles);
        return new AdminApi(AdminApi.passwordGrant(realm.getName(), created.username(), DemoUsers.PASSWORD));
    }

    private void createRealmWithAdmin(String name) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(name);
        rep.setEnabled(true);
        UserRepresentation user = new UserRepresentation();
        user.setUsername("otheradmin");
        user.setEnabled(true);
        user.setEmail("otheradmin@other.test");
        user.setEmailVerified(true);
        user.setFirstName("Other");
        user.setLastName("Admin");
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue("Other-Passw0rd!");
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        user.setClientRoles(Map.of("realm-management", List.of("view-users", "manage-users")));
        rep.setUsers(List.of(user));
        admin.realms().create(rep);
    }

    private void lockOut(String username) {
        for (int i = 0; i < 5; i++) {
            assertThrows(
                    IllegalStateException.class,
                    () -> AdminApi.passwordGrant(realm.getName(), username, "Wrong-Passw0rd-" + username));
        }
    }

    private boolean locked(String userId) {
        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(userId);
        return Boolean.TRUE.equals(status.get("disabled"));
    }

    private static void assertNoSecret(MimeMessage message, String... secrets) throws MessagingException {
        String all = message.getSubject() + "\n" + Mails.text(message);
        for (String secret : secrets) {
            assertFalse(all.contains(secret), "a secret is in the mail");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String suffix(String username) {
        return username.substring(username.length() - 4);
    }
}
