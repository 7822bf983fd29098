package io.github.sspr.it.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Issue 20 item 10: the realm's administrators hear of an administrator's own self-service reset (not only of one
 * through the admin API) and of a "This wasn't me" lock; holders of manage-users too when the policy says so; and the
 * lock's reason is where an admin looks (the user's attributes in the admin console and the user REST API).
 */
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class AdminAlertsIT {

    private static final Pattern NOT_ME_LINK =
            Pattern.compile("(http://localhost:8080/realms/[^/]+/sspr/not-me\\?key=[A-Za-z0-9_-]{43})");
    private static final Pattern HIDDEN_KEY = Pattern.compile("name=\"key\" value=\"([A-Za-z0-9_-]{43})\"");
    private static final String NEW_PASSWORD = "Alerted-Passw0rd-42";

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void twilioAccepts() {
        TwilioFake.acceptAll(twilio);
    }

    @Test
    void anAdministratorsOwnSelfServiceResetTellsTheOtherAdministrators() {
        String phone = UsedSecrets.addPhone("+14155550191");
        ResetUsers.Created acting = ResetUsers.create(realm.admin(), "ada", true, phone);
        RealmManagementRoles.grant(realm.admin(), acting.id(), "realm-admin");
        ResetUsers.Created owner = ResetUsers.create(realm.admin(), "oona", false, null);
        RealmManagementRoles.grant(realm.admin(), owner.id(), "realm-admin");
        ResetUsers.Created helpdesk = ResetUsers.create(realm.admin(), "hugo", false, null);
        RealmManagementRoles.grant(realm.admin(), helpdesk.id(), "manage-users");

        Set<String> before = Mails.seen(mail);
        resetThroughSelfService(acting, phone, 1);
        MimeMessage alert = Mails.newMailTo(mail, owner.email(), before);
        assertEquals("SSPR Demo: administrator " + acting.username() + " reset their own password", subject(alert));
        String text = Mails.text(alert);
        assertTrue(text.contains("Administrator " + acting.username() + " reset their own SSPR Demo password."), text);
        assertFalse(NOT_ME_LINK.matcher(text).find(), "the admins' mail cannot lock someone else out");
        assertFalse(text.contains(NEW_PASSWORD), "no password in the alert");
        // The acting admin is told by the user's own notice; manage-users holders only when the policy asks for it.
        assertFalse(Mails.anyNewMailTo(mail, helpdesk.email(), before), "manage-users is not told by default");
        assertFalse(
                Mails.text(Mails.newMailTo(mail, acting.email(), before)).contains("reset their own"),
                "the acting admin gets the user's notice, not the admins' alert");

        try (PolicyFixture policy = PolicyFixture.apply(realm, Map.of("notifyUserManagers", List.of("true")))) {
            Set<String> second = Mails.seen(mail);
            resetThroughSelfService(acting, phone, 2);
            assertEquals(
                    "SSPR Demo: administrator " + acting.username() + " reset their own password",
                    subject(Mails.newMailTo(mail, helpdesk.email(), second)));
            Mails.newMailTo(mail, owner.email(), second);
        }
    }

    @Test
    void thisWasntMeAlertsTheAdministratorsAndTheLockReasonIsWhereAnAdminLooks() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "vera", true, null);
        ResetUsers.Created owner = ResetUsers.create(realm.admin(), "olaf", false, null);
        RealmManagementRoles.grant(realm.admin(), owner.id(), "realm-admin");
        ResetUsers.Created helpdesk = ResetUsers.create(realm.admin(), "hana", false, null);
        RealmManagementRoles.grant(realm.admin(), helpdesk.id(), "manage-users");

        Set<String> before = Mails.seen(mail);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("Attacker-Passw0rd1");
        password.setTemporary(false);
        realm.admin().users().get(user.id()).resetPassword(password);
        Matcher link = NOT_ME_LINK.matcher(Mails.text(Mails.newMailTo(mail, user.email(), before)));
        assertTrue(link.find(), "no not-me link");
        Matcher key = HIDDEN_KEY.matcher(get(link.group(1)).body());
        assertTrue(key.find(), "no confirmation form");

        Set<String> beforeConfirm = Mails.seen(mail);
        HttpResponse<String> confirmed = post(key.group(1));
        assertTrue(confirmed.body().contains("data-state=\"done\""), confirmed.body());

        MimeMessage alert = Mails.newMailTo(mail, owner.email(), beforeConfirm);
        assertEquals(
                "SSPR Demo: " + user.username() + " reported a change to their account they did not make",
                subject(alert));
        String text = Mails.text(alert);
        assertTrue(text.contains("User " + user.username() + " of SSPR Demo confirmed"), text);
        assertTrue(text.contains("The account is now disabled and signed out everywhere."), text);
        assertFalse(NOT_ME_LINK.matcher(text).find(), text);

        // The reason is a declared, admin-only attribute: the admin REST API (and so the console) shows it.
        UserRepresentation locked = realm.admin().users().get(user.id()).toRepresentation();
        assertFalse(locked.isEnabled());
        Map<String, List<String>> attributes = locked.getAttributes();
        assertTrue(attributes != null && attributes.containsKey("sspr.lockedReason"), String.valueOf(attributes));
        assertEquals(List.of("not-me"), attributes.get("sspr.lockedReason"));
        assertTrue(attributes.get("sspr.lockedAt").get(0).matches("\\d{4}-\\d{2}-\\d{2}T.*Z"), attributes.toString());
        var declared = realm.admin().users().userProfile().getConfiguration().getAttribute("sspr.lockedReason");
        assertTrue(declared != null, "declared in the user profile");
        assertEquals(Set.of("admin"), declared.getPermissions().getView(), "admins only: the user never sees it");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A privileged account: two gates (SMS, then email), then a new password. */
    private void resetThroughSelfService(ResetUsers.Created user, String phone, int nth) {
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        client.action("choose", "method", "sms");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        String sms =
                UsedSecrets.add(TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, nth), 6));
        client.action("verify", "code", sms);
        Set<String> before = Mails.seen(mail);
        client.action("choose", "method", "email");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        client.action("verify", "code", UsedSecrets.add(Mails.codeTo(mail, user.recoveryEmail(), before, 8)));
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
        String password = NEW_PASSWORD + nth;
        UsedSecrets.add(password);
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", password, "password-confirm", password));
        assertEquals("Your password has been changed. Sign in with your new password.", client.alert());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private HttpResponse<String> post(String key) {
        return send(HttpRequest.newBuilder(URI.create(AdminApi.BASE + "/realms/" + realm.getName() + "/sspr/not-me"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
