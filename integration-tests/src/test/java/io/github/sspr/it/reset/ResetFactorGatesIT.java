package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.models.utils.TimeBasedOTP;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The user's own Keycloak factors as reset gates, on a real Keycloak (docs/reset.md): a code from the authenticator
 * app the user enrolled (computed here from its secret with Keycloak's own {@link TimeBasedOTP}), refused when replayed;
 * a recovery code, consumed, with the codes left told, refused the next time.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetFactorGatesIT {

    private static final String NEW_PASSWORD = "Factor-N3w-Passw0rd!";
    private static final String SECRET = "sspr-factor-it-secret-0123456789";

    private static final Map<String, List<String>> FACTORS = Map.of(
            "methods", List.of("email", "sms", "voice", "otp", "recovery-codes"), "orgName", List.of("SSPR Demo"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    /** The realm mails the user after a reset; a mail server keeps those sends from failing. */
    @InjectMailServer
    MailServer mail;

    private long passwordSetAt(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "password".equals(c.getType()))
                .mapToLong(c -> c.getCreatedDate() == null ? 0 : c.getCreatedDate())
                .max()
                .orElse(0);
    }

    private static String totpNow() {
        return new TimeBasedOTP("HmacSHA1", 6, 30, 1).generateTOTP(SECRET);
    }

    @Test
    void aUserResetsWithTheirAuthenticatorAppAndTheSameCodeIsRefusedAfterwards() {
        ResetUsers.Created user =
                ResetUsers.create(realm.admin(), "otto", true, null, List.of(ResetUsers.totp(SECRET)));
        long before = passwordSetAt(user.id());
        try (PolicyFixture policy = PolicyFixture.apply(realm, FACTORS)) {
            ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
            assertEquals(
                    List.of("otp", "email"),
                    List.copyOf(client.options().keySet()),
                    "the app the user enrolled is offered, first");
            assertEquals(
                    "Enter a code from your authenticator app", client.options().get("otp"));

            client.action("choose", "method", "otp");
            assertEquals("sspr-reset-factor.ftl", client.template(), client.body());
            assertFalse(client.has("sspr-resend"), "nothing is sent, so nothing to resend");

            String code = totpNow();
            String wrong = code.equals("000000") ? "111111" : "000000";
            client.action("verify", "code", wrong);
            assertEquals("sspr-reset-factor.ftl", client.template());
            assertEquals(
                    "That code is not right, or it was already used. Wait for the next code in your app and try again.",
                    client.fieldError("code"));

            client.action("verify", "code", code);
            assertEquals("sspr-reset-password.ftl", client.template(), client.body());
            client.submit(
                    "sspr-password-form",
                    Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
            assertTrue(client.body().contains("Your password has been changed"), client.body());
            // A password grant would also need the app's code (Keycloak's direct-grant OTP step): the password
            // credential itself shows the change, and the app is still there.
            assertTrue(passwordSetAt(user.id()) > before, "the password was written");
            assertTrue(
                    realm.admin().users().get(user.id()).credentials().stream()
                            .anyMatch(c -> "otp".equals(c.getType())),
                    "the app is kept");

            // The same code again, in a new flow within its window: Keycloak's used-code store refuses it.
            ResetClient again = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            again.action("choose", "method", "otp");
            again.action("verify", "code", code);
            assertNotEquals("sspr-reset-password.ftl", again.template(), "a replayed code does not pass");
            assertEquals("sspr-reset-factor.ftl", again.template());
            assertTrue(again.fieldError("code").contains("already used"), again.body());

            List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 100);
            assertTrue(
                    events.stream()
                            .anyMatch(e -> e.getDetails() != null
                                    && "otp".equals(e.getDetails().get("sspr_methods"))
                                    && e.getDetails().containsKey("sspr_outcome")),
                    events.toString());
            assertFalse(events.toString().contains(code), "no code in any event");
        }
    }

    @Test
    void aRecoveryCodeIsConsumedTheCodesLeftAreToldAndItIsRefusedTheNextTime() {
        List<String> codes = List.of("AAAA2222BBBB", "CCCC3333DDDD", "EEEE4444FFFF");
        ResetUsers.Created user =
                ResetUsers.create(realm.admin(), "rico", true, null, List.of(ResetUsers.recoveryCodes(codes)));
        try (PolicyFixture policy = PolicyFixture.apply(realm, FACTORS)) {
            ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            assertEquals(
                    List.of("recovery-codes", "email"),
                    List.copyOf(client.options().keySet()));
            client.action("choose", "method", "recovery-codes");
            assertEquals("sspr-reset-factor.ftl", client.template(), client.body());
            assertTrue(client.text("sspr-intro").contains("number 1"), client.text("sspr-intro"));

            // Typed as the user reads it from the sheet (groups with dashes, lower case): Keycloak's own check decides.
            client.action("verify", "code", "aaaa-2222-bbbb");
            assertEquals("sspr-reset-password.ftl", client.template(), client.body());
            assertTrue(client.body().contains("You have 2 recovery codes left."), client.body());
            client.submit(
                    "sspr-password-form",
                    Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
            assertTrue(client.body().contains("Your password has been changed"), client.body());

            ResetClient again = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            again.action("choose", "method", "recovery-codes");
            assertTrue(again.text("sspr-intro").contains("number 2"), again.text("sspr-intro"));
            again.action("verify", "code", codes.get(0));
            assertEquals("sspr-reset-factor.ftl", again.template(), "a used code does not pass again");
            assertEquals(
                    "That is not the recovery code asked for. Check the number and try again.",
                    again.fieldError("code"));
            again.action("verify", "code", codes.get(1));
            assertEquals("sspr-reset-password.ftl", again.template(), again.body());
            assertTrue(again.body().contains("You have 1 recovery code left."), again.body());
        }
    }

    @Test
    void theRegistrationPageListsTheAppAndHandsItsSetUpToKeycloak() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "faye");
        try (PolicyFixture policy = PolicyFixture.apply(realm, FACTORS);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertEquals("Set up password reset", browser.title());
            assertTrue(browser.has("sspr-factor-otp"), browser.html());
            assertTrue(browser.has("sspr-factor-recovery-codes"), "listed: the policy allows it");
            // The demo realm enables Configure OTP but not the recovery-codes action: only the app can be set up here.
            assertFalse(browser.has("sspr-setup-recovery-codes"), browser.html());

            browser.click("sspr-setup-otp");
            assertEquals("Set up password reset", browser.title());
            assertFalse(browser.has("sspr-setup-otp"), "asked for once");
            assertEquals(
                    "Authenticator app will be set up when you finish here.", browser.text("sspr-factor-value-otp"));
            assertTrue(
                    realm.admin()
                            .users()
                            .get(user.id())
                            .toRepresentation()
                            .getRequiredActions()
                            .contains("CONFIGURE_TOTP"),
                    "Keycloak's own action sets the app up");
        }
    }

    @Test
    void theHelpdeskAsksTheCallerForACodeFromTheirApp() {
        ResetUsers.Created user =
                ResetUsers.create(realm.admin(), "cali", false, null, List.of(ResetUsers.totp(SECRET)));
        DemoUsers.Created agentUser = DemoUsers.create(realm.admin(), "appagent");
        RealmManagementRoles.grant(realm.admin(), agentUser.id(), "manage-users", "view-users");
        AdminApi agent =
                new AdminApi(AdminApi.passwordGrant(realm.getName(), agentUser.username(), DemoUsers.PASSWORD));
        String verify = "/admin/realms/" + realm.getName() + "/sspr/users/" + user.id() + "/verify";

        AdminApi.Response asked = agent.postJson(verify + "/send", Map.of("method", "otp"));
        assertEquals(200, asked.status(), asked.body());
        assertTrue(asked.json().path("askCaller").asBoolean(), "nothing is sent for the app: " + asked.body());

        String code = totpNow();
        AdminApi.Response wrong =
                agent.postJson(verify + "/check", Map.of("code", code.equals("000000") ? "111111" : "000000"));
        assertFalse(wrong.json().path("verified").asBoolean(), wrong.body());
        assertEquals(4, wrong.json().path("triesLeft").asInt(), wrong.body());

        AdminApi.Response right = agent.postJson(verify + "/check", Map.of("code", code));
        assertTrue(right.json().path("verified").asBoolean(), right.body());
        assertEquals("otp", agent.get(verify).json().path("method").asText());

        ResetUsers.Created noApp = ResetUsers.create(realm.admin(), "noapp", true, null);
        AdminApi.Response refused = agent.postJson(
                "/admin/realms/" + realm.getName() + "/sspr/users/" + noApp.id() + "/verify/send",
                Map.of("method", "otp"));
        assertEquals(409, refused.status(), refused.body());
    }

    @Test
    void anUnknownNameIsOfferedTheAppLikeARealUserAndCannotPassIt() {
        ResetUsers.Created real =
                ResetUsers.create(realm.admin(), "appuser", false, null, List.of(ResetUsers.totp(SECRET)));
        for (int i = 0; i < 3; i++) {
            ResetUsers.create(realm.admin(), "apponly", false, null, List.of(ResetUsers.totp(SECRET + i)));
        }
        try (PolicyFixture policy = PolicyFixture.apply(realm, FACTORS)) {
            ResetClient reference = new ResetClient(realm.getName()).openReset().identify(real.username(), null);
            assertEquals(List.of("otp"), List.copyOf(reference.options().keySet()));
            reference.action("choose", "method", "otp");

            // The realm's users mostly hold only the app: most unknown names are offered it too.
            ResetClient probe = null;
            String name = null;
            for (int i = 0; i < 40 && probe == null; i++) {
                name = "nobody-" + i + "-" + real.id().substring(0, 6);
                ResetClient candidate =
                        new ResetClient(realm.getName()).openReset().identify(name, null);
                assertEquals(reference.status(), candidate.status(), name);
                if (candidate.options().containsKey("otp")) {
                    probe = candidate;
                }
            }
            assertTrue(probe != null, "no unknown name of 40 was offered the app");
            probe.action("choose", "method", "otp");
            assertEquals(reference.template(), probe.template());
            assertEquals(
                    reference.normalizedBody().replace(real.username(), "USER"),
                    probe.normalizedBody().replace(name, "USER"),
                    "the same page for a real user and a decoy");
            probe.action("verify", "code", totpNow());
            assertEquals("sspr-reset-factor.ftl", probe.template(), "a decoy never passes");
            assertTrue(probe.fieldError("code").startsWith("That code is not right"), probe.body());
        }
    }
}
