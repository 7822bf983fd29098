package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.Passkeys;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.UsedSecrets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The passkey gate without a browser ceremony, on a real Keycloak (docs/reset.md, "Passkey"): the policy option
 * "privileged users must pass a passkey" (the readiness report and the registration page say what is missing; the last
 * gate offers only the passkey), and anti-enumeration with the passkey in the policy (unknown, unregistered and disabled
 * names see the same passkey page as a real user, and the assertion simply fails).
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class PasskeyPolicyIT {

    private static final Map<String, List<String>> PASSKEY_FOR_ADMINS = Map.of(
            "methods", List.of("email", "sms", "voice", "passkey"),
            "privilegedPasskey", List.of("true"),
            "orgName", List.of("SSPR Demo"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    private static byte[] keyId(String seed) {
        byte[] id = new byte[32];
        byte[] s = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (s[i % s.length] + i);
        }
        return id;
    }

    private JsonNode readiness(String username) {
        AdminApi helpdesk = new AdminApi(AdminApi.passwordGrant(realm.getName(), "helpdesk", "Helpdesk-Passw0rd!"));
        AdminApi.Response response =
                helpdesk.get("/admin/realms/" + realm.getName() + "/sspr/activity/readiness?user=" + username);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    @Test
    void aPrivilegedUserWithoutAPasskeyIsToldWhatIsMissing() {
        ResetUsers.Created admin = ResetUsers.create(realm.admin(), "pam", true, UsedSecrets.addPhone("+14155550191"));
        RealmManagementRoles.grant(realm.admin(), admin.id(), "manage-users");
        ResetUsers.Created ordinary = ResetUsers.create(realm.admin(), "otis", true, null);
        try (PolicyFixture policy = PolicyFixture.apply(realm, PASSKEY_FOR_ADMINS);
                LoginBrowser browser = new LoginBrowser()) {
            // The readiness report asks the same rule: an email and a phone are two factors, but no passkey.
            JsonNode report = readiness(admin.username());
            assertFalse(report.path("ready").asBoolean(), report.toString());
            assertEquals("privileged-no-passkey", report.path("reason").asText(), report.toString());
            assertTrue(readiness(ordinary.username()).path("ready").asBoolean(), "ordinary users are not asked");

            // At sign-in, the registration page says what is missing and offers Keycloak's own passkey set-up.
            browser.signIn(realm.getName(), admin.username(), ResetUsers.PASSWORD, null);
            assertEquals("Set up password reset", browser.title(), browser.html());
            assertTrue(
                    browser.html()
                            .contains("Your account has administrator rights: a password reset needs a passkey or"
                                    + " security key. Set one up below."),
                    browser.html());
            assertTrue(browser.has("sspr-factor-passkey"), browser.html());
            assertEquals("Not set up", browser.text("sspr-factor-value-passkey"));

            browser.click("sspr-done");
            assertEquals(
                    "Set up a passkey or security key before you continue: your account needs one for a password"
                            + " reset.",
                    browser.text("input-error-methods"),
                    browser.html());

            browser.click("sspr-setup-passkey");
            assertEquals(
                    "Passkey or security key will be set up when you finish here.",
                    browser.text("sspr-factor-value-passkey"));
            List<String> actions =
                    realm.admin().users().get(admin.id()).toRepresentation().getRequiredActions();
            assertTrue(actions.contains(Passkeys.REGISTER_PASSWORDLESS), "Keycloak's own action: " + actions);

            // With the set-up queued, the page lets the user on, to Keycloak's own WebAuthn registration.
            browser.click("sspr-done");
            assertTrue(browser.html().contains("registerWebAuthn"), browser.html());
        }
    }

    @Test
    void aPrivilegedUserWithAPasskeyMustPassItAtTheLastGate() {
        ResetUsers.Created admin =
                ResetUsers.create(realm.admin(), "pax", true, null, List.of(Passkeys.stored(keyId("pax"))));
        RealmManagementRoles.grant(realm.admin(), admin.id(), "manage-users");
        try (PolicyFixture policy = PolicyFixture.apply(realm, PASSKEY_FOR_ADMINS)) {
            assertTrue(readiness(admin.username()).path("ready").asBoolean());
            ResetClient client = new ResetClient(realm.getName()).openReset().identify(admin.username(), null);
            assertEquals(
                    List.of("passkey", "email"), List.copyOf(client.options().keySet()));
            int before = mail.getReceivedMessages().length;
            client.action("choose", "method", "email");
            String code = UsedSecrets.add(Mails.codeSentTo(mail, admin.recoveryEmail(), before, 8));
            client.action("verify", "code", code);
            assertEquals("Verification 2 of 2", client.text("sspr-progress"), client.body());
            assertEquals(List.of("passkey"), List.copyOf(client.options().keySet()), "only the passkey is left");

            // An assertion of another key (not one of the user's) fails like a wrong code: Keycloak's provider finds
            // no such passkey of the user, and the gate counts it.
            client.action("choose", "method", "passkey");
            assertEquals("sspr-reset-passkey.ftl", client.template(), client.body());
            client.action(
                    "verify",
                    "credentialId",
                    java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(keyId("someone-else")),
                    "clientDataJSON",
                    "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
                    "authenticatorData",
                    "AAAA",
                    "signature",
                    "AAAA");
            assertEquals("sspr-reset-passkey.ftl", client.template(), client.body());
            assertEquals(
                    "Your passkey could not be checked. Try again, or choose another way.", client.fieldError("code"));
        }
    }

    @Test
    void unknownUnregisteredAndDisabledNamesSeeTheSamePasskeyPageAndCannotPassIt() {
        // Every user of the realm holds only a passkey, so every decoy is offered one too.
        ResetUsers.Created real =
                ResetUsers.create(realm.admin(), "kira", false, null, List.of(Passkeys.stored(keyId("kira"))));
        for (int i = 0; i < 3; i++) {
            ResetUsers.create(realm.admin(), "keyonly", false, null, List.of(Passkeys.stored(keyId("k" + i))));
        }
        ResetUsers.Created disabled =
                ResetUsers.create(realm.admin(), "dora", false, null, List.of(Passkeys.stored(keyId("dora"))));
        var rep = realm.admin().users().get(disabled.id()).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(disabled.id()).update(rep);
        ResetUsers.Created unregistered = ResetUsers.create(realm.admin(), "ulla", false, null);

        try (PolicyFixture policy =
                PolicyFixture.apply(realm, Map.of("methods", List.of("passkey"), "orgName", List.of("SSPR Demo")))) {
            ResetClient reference = new ResetClient(realm.getName()).openReset().identify(real.username(), null);
            assertEquals(List.of("passkey"), List.copyOf(reference.options().keySet()), reference.body());
            reference.action("choose", "method", "passkey");
            assertEquals("sspr-reset-passkey.ftl", reference.template(), reference.body());
            List<String> failures = new ArrayList<>();
            for (String name :
                    List.of("nobody-" + real.id().substring(0, 6), unregistered.username(), disabled.username())) {
                ResetClient probe = new ResetClient(realm.getName()).openReset().identify(name, null);
                assertEquals(reference.status(), probe.status(), name);
                assertEquals(List.of("passkey"), List.copyOf(probe.options().keySet()), name);
                probe.action("choose", "method", "passkey");
                assertEquals(reference.status(), probe.status(), name);
                assertEquals(reference.template(), probe.template(), name);
                assertEquals(
                        normalize(reference.normalizedBody(), real.username()),
                        normalize(probe.normalizedBody(), name),
                        "the same passkey page for " + name);
                // The browser finds none of the ids and reports it, as for a real user without the key at hand.
                probe.action("verify", "error", "NotAllowedError: no credential");
                if (!"sspr-reset-passkey.ftl".equals(probe.template())) {
                    failures.add(name + " -> " + probe.template());
                }
                assertEquals(
                        "Your passkey could not be checked. Try again, or choose another way.",
                        probe.fieldError("code"),
                        name);
            }
            reference.action("verify", "error", "NotAllowedError: no credential");
            assertEquals(
                    "Your passkey could not be checked. Try again, or choose another way.",
                    reference.fieldError("code"));
            assertEquals(List.of(), failures, "a decoy never passes");
        }
    }

    /** The name, the challenge and the credential ids differ per page by design; everything else must not. */
    private static String normalize(String body, String username) {
        return body.replace(username, "USER")
                .replaceAll("challenge: \"[^\"]*\"", "challenge: \"*\"")
                .replaceAll("name=\"authn_use_chk\" value=\"[^\"]*\"", "name=\"authn_use_chk\" value=\"*\"");
    }
}
