package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.models.utils.TimeBasedOTP;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * "I lost my authenticator app or security key" on a real Keycloak (docs/reset.md, "Lost authenticator"): two gates
 * that are neither knowledge nor an authenticator, the pick of the lost one, exactly that credential removed, the
 * password kept, Keycloak's Configure OTP at the next sign-in, every other session signed out, the notice with its
 * "This wasn't me" link and the activity row; a user who cannot meet the gates walks the decoy path of that mode, with
 * the same pages as unknown and disabled names.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class LostAuthenticatorIT {

    private static final String SECRET = "sspr-lost-factor-it-secret-01234";

    private static final Map<String, List<String>> FACTORS = Map.of(
            "methods", List.of("email", "sms", "voice", "otp", "recovery-codes"), "orgName", List.of("SSPR Demo"));

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    private static String totpNow() {
        return new TimeBasedOTP("HmacSHA1", 6, 30, 1).generateTOTP(SECRET);
    }

    /** A US number no other test uses, so that no per-number cap of an earlier class is in the way. */
    private static String freshPhone() {
        String phone =
                "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        UsedSecrets.addPhone(phone);
        return phone;
    }

    private List<CredentialRepresentation> credentials(String userId) {
        return realm.admin().users().get(userId).credentials();
    }

    private static long createdOf(List<CredentialRepresentation> credentials, String type) {
        return credentials.stream()
                .filter(c -> type.equals(c.getType()))
                .mapToLong(c -> c.getCreatedDate() == null ? 0 : c.getCreatedDate())
                .max()
                .orElse(-1);
    }

    /** The identify page reached through the page's own link, in lost-authenticator mode. */
    private ResetClient openLostFactor() {
        ResetClient client = new ResetClient(realm.getName()).openReset();
        assertTrue(client.has("sspr-lost-factor-link"), client.body());
        assertEquals("I lost my authenticator app or security key", client.text("sspr-lost-factor-link"));
        client.submit("sspr-lost-factor", Map.of("sspr-switch-mode", "factor"));
        assertEquals("sspr-reset-identify.ftl", client.template(), client.body());
        assertEquals("factor", client.element("sspr-mode-factor").attr("value"), "the page keeps the mode");
        assertEquals("Lost your authenticator?", client.title());
        return client;
    }

    @Test
    void aUserWithEmailAndPhoneRemovesTheLostAppKeepsThePasswordAndMustEnrolAgain() {
        TwilioFake.acceptAll(twilio);
        String phone = freshPhone();
        ResetUsers.Created user = ResetUsers.create(
                realm.admin(),
                "lofa",
                true,
                phone,
                List.of(ResetUsers.totp(SECRET), ResetUsers.recoveryCodes(List.of("AAAA2222BBBB", "CCCC3333DDDD"))));
        // An administrator: the realm's other administrators are told of the removal (docs/notifications.md).
        RealmManagementRoles.grant(realm.admin(), user.id(), "realm-admin");
        ResetUsers.Created owner = ResetUsers.create(realm.admin(), "lofo", false, null);
        RealmManagementRoles.grant(realm.admin(), owner.id(), "realm-admin");
        List<CredentialRepresentation> before = credentials(user.id());
        long passwordBefore = createdOf(before, "password");
        String otpId = before.stream()
                .filter(c -> "otp".equals(c.getType()))
                .findFirst()
                .orElseThrow()
                .getId();

        Set<String> beforeNotice;
        try (PolicyFixture policy = PolicyFixture.apply(realm, FACTORS)) {
            // A session elsewhere — say, the phone that was lost — signed in with the password and the app.
            ResetClient elsewhere = new ResetClient(realm.getName()).stopAtApp().openSignIn();
            elsewhere.submit("kc-form-login", Map.of("username", user.username(), "password", ResetUsers.PASSWORD));
            elsewhere.submit("kc-otp-login-form", Map.of("otp", totpNow()));
            assertTrue(elsewhere.reachedApp(), elsewhere.body());
            assertEquals(
                    1, realm.admin().users().get(user.id()).getUserSessions().size());

            ResetClient client = openLostFactor().identify(user.username(), "factor");
            assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
            assertEquals(
                    List.of("email", "sms", "voice"),
                    List.copyOf(client.options().keySet()),
                    "neither the app nor the recovery codes: either may be the lost one");

            Set<String> seen = Mails.seen(mail);
            client.action("choose", "method", "email");
            client.action("verify", "code", Mails.codeTo(mail, user.recoveryEmail(), seen, 8));
            assertEquals("sspr-reset-choose.ftl", client.template(), "a second gate: " + client.body());
            assertEquals(List.of("sms", "voice"), List.copyOf(client.options().keySet()));
            client.action("choose", "method", "sms");
            String sms = TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 1), 6);
            client.action("verify", "code", UsedSecrets.add(sms));

            assertEquals("sspr-reset-lost-factor.ftl", client.template(), client.body());
            assertEquals("Authenticator app: Phone app", client.text("sspr-factor-0"));
            assertEquals("Recovery codes", client.text("sspr-factor-1"));
            assertFalse(client.body().contains(SECRET), "never a secret on the page");
            beforeNotice = Mails.seen(mail);
            client.submit("sspr-lost-factor-form", Map.of("sspr-action", "remove", "credential", otpId));
            assertTrue(
                    client.body().contains("The lost authenticator was removed."),
                    client.alert() + " / " + client.body());
        }

        List<CredentialRepresentation> after = credentials(user.id());
        assertFalse(after.stream().anyMatch(c -> "otp".equals(c.getType())), "the app is removed");
        assertTrue(
                after.stream().anyMatch(c -> "recovery-authn-codes".equals(c.getType())),
                "exactly the picked credential: the recovery codes stay");
        assertEquals(before.size() - 1, after.size(), after.toString());
        assertEquals(passwordBefore, createdOf(after, "password"), "the password is not touched");
        assertTrue(
                realm.admin()
                        .users()
                        .get(user.id())
                        .toRepresentation()
                        .getRequiredActions()
                        .contains("CONFIGURE_TOTP"),
                "Keycloak's own Configure OTP at the next sign-in");
        assertEquals(
                0, realm.admin().users().get(user.id()).getUserSessions().size(), "the other session is signed out");

        // The old password still signs in, and Keycloak asks for a new app at once.
        ResetClient signIn = new ResetClient(realm.getName()).stopAtApp().openSignIn();
        signIn.submit("kc-form-login", Map.of("username", user.username(), "password", ResetUsers.PASSWORD));
        assertTrue(signIn.has("kc-totp-settings-form"), "Configure OTP: " + signIn.body());

        // Every address of record is told, with the "This wasn't me" link.
        for (String address : List.of(user.email(), user.recoveryEmail())) {
            String text = Mails.text(Mails.newMailTo(mail, address, beforeNotice));
            assertTrue(
                    text.contains("An authenticator (app, passkey, security key or recovery codes) was removed"), text);
            assertTrue(text.contains("/sspr/not-me"), "the link: " + text);
            assertTrue(text.contains("Verified with: recovery email, text message"), text);
        }

        // The other administrator is told; the acting one gets the user's notice above, not the admins' alert.
        MimeMessage alert = Mails.newMailTo(mail, owner.email(), beforeNotice);
        try {
            assertEquals(
                    "SSPR Demo: administrator " + user.username() + " removed a lost authenticator",
                    alert.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
        assertTrue(Mails.text(alert).contains("Administrator " + user.username() + " removed a lost authenticator"));

        // One activity row of type factor-reset, and Keycloak's own record of the removal.
        AdminApi api = new AdminApi(admin.tokenManager().getAccessTokenString());
        AdminApi.Response rows = api.get(
                "/admin/realms/" + realm.getName() + "/sspr/activity?type=factor-reset&user=" + user.username());
        assertEquals(200, rows.status(), rows.body());
        JsonNode items = rows.json().path("items");
        assertNotNull(items);
        List<JsonNode> mine = new java.util.ArrayList<>();
        items.forEach(row -> {
            if (user.username().equals(row.path("username").asText())) {
                mine.add(row);
            }
        });
        assertEquals(1, mine.size(), rows.body());
        assertEquals("succeeded", mine.get(0).path("result").asText(), rows.body());

        List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 200);
        assertTrue(
                events.stream()
                        .anyMatch(e -> "REMOVE_CREDENTIAL".equals(e.getType())
                                && "otp".equals(e.getDetails().get("credential_type"))),
                events.toString());
        assertTrue(
                events.stream()
                        .anyMatch(e -> e.getDetails() != null
                                && "factor".equals(e.getDetails().get("sspr_mode"))
                                && "succeeded".equals(e.getDetails().get("sspr_outcome"))),
                events.toString());
    }

    @Test
    void aUserWithOneMethodBesidesTheAppWalksTheDecoyPathLikeUnknownAndDisabledNames() {
        ResetUsers.Created real = ResetUsers.create(realm.admin(), "lofb", true, freshPhone());
        ResetUsers.Created onlyEmail =
                ResetUsers.create(realm.admin(), "lofc", true, null, List.of(ResetUsers.totp(SECRET)));
        ResetUsers.Created disabled = ResetUsers.create(realm.admin(), "lofd", true, freshPhone());
        var rep = realm.admin().users().get(disabled.id()).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(disabled.id()).update(rep);

        try (PolicyFixture policy = PolicyFixture.apply(realm, FACTORS)) {
            ResetClient reference = openLostFactor().identify(real.username(), "factor");
            assertEquals("sspr-reset-choose.ftl", reference.template(), reference.body());
            Set<String> before = Mails.seen(mail);
            for (String name :
                    List.of(onlyEmail.username(), "nobody-" + real.id().substring(0, 6), disabled.username())) {
                ResetClient probe = openLostFactor().identify(name, "factor");
                assertEquals(reference.status(), probe.status(), name);
                assertEquals(reference.chain(), probe.chain(), name);
                assertEquals(reference.template(), probe.template(), name);
                assertEquals(
                        reference.normalizedBody().replace(real.username(), "USER"),
                        probe.normalizedBody().replace(name, "USER"),
                        name);
                assertFalse(probe.options().isEmpty(), name + " is offered methods like anyone");
                assertTrue(
                        probe.options().keySet().stream()
                                .allMatch(m -> List.of("email", "sms", "voice").contains(m)),
                        "the decoy walks the same mode: " + probe.options());
                assertEquals(
                        2,
                        probe.options().keySet().stream()
                                .map(m -> m.equals("email") ? "email" : "phone")
                                .distinct()
                                .count(),
                        "as plausible as a real user who can meet two gates: " + probe.options());
                String method = probe.options().keySet().iterator().next();
                probe.action("choose", "method", method);
                assertEquals("sspr-reset-code.ftl", probe.template(), name);
                probe.action("verify", "code", method.equals("email") ? "12345678" : "123456");
                assertTrue(probe.fieldError("code").startsWith("That code is not right."), name + ": " + probe.body());
            }
            // Sends run after commit: wait for a real one asked for after the probes, then look for decoy mail.
            ResetClient control = openLostFactor().identify(real.username(), "factor");
            control.action("choose", "method", "email");
            Mails.codeTo(mail, real.recoveryEmail(), before, 8);
            assertFalse(Mails.anyNewMailTo(mail, onlyEmail.recoveryEmail(), before), "the decoy path sends nothing");
            assertFalse(Mails.anyNewMailTo(mail, onlyEmail.email(), before), "the decoy path sends nothing");
            assertFalse(Mails.anyNewMailTo(mail, disabled.recoveryEmail(), before), "the decoy path sends nothing");
        }
        assertTrue(
                credentials(onlyEmail.id()).stream().anyMatch(c -> "otp".equals(c.getType())),
                "nothing is removed for a user who cannot meet the gates");
        List<EventRepresentation> events = realm.admin().getEvents(null, null, null, null, null, null, 0, 500);
        assertTrue(
                events.stream()
                        .anyMatch(e -> e.getDetails() != null
                                && onlyEmail.username().equals(e.getDetails().get("username"))
                                && "factor".equals(e.getDetails().get("sspr_mode"))
                                && "unregistered".equals(e.getDetails().get("sspr_decoy"))),
                "the true cause is in the event");
    }
}
