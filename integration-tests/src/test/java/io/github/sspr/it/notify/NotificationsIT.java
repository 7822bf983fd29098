package io.github.sspr.it.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * Notification emails of the demo realm (policy: notify user and admins, org "SSPR Demo", helpdesk by mail): who
 * receives them, what they say (in English), that no code or password is in them, and the "This wasn't me" link.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class NotificationsIT {

    private static final Pattern NOT_ME_LINK =
            Pattern.compile("(http://localhost:8080/realms/[^/]+/sspr/not-me\\?key=[A-Za-z0-9_-]{43})");
    private static final Pattern HIDDEN_KEY = Pattern.compile("name=\"key\" value=\"([A-Za-z0-9_-]{43})\"");

    /** The demo's policy, minus registration at sign-in (which would come before what a test is about). */
    private static final Map<String, List<String>> NO_REGISTRATION_AT_SIGN_IN = Map.of(
            "requireRegistration", List.of("false"),
            "orgName", List.of("SSPR Demo"),
            "helpdeskLink", List.of("mailto:helpdesk@demo.sspr.test"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void recoveryEmailSetUpChangedAndRemovedTellsEveryAddressOfRecordOldOnesIncludedWithoutTheCode() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "nina");
        String first = user.username() + ".one@elsewhere.test";
        String second = user.username() + ".two@elsewhere.test";
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");

            browser.click("sspr-add-email");
            String firstCode = sendCode(browser, first);
            Set<String> before = seen();
            browser.type("code", firstCode).click("sspr-verify");
            assertEquals("Your recovery email is verified and saved.", browser.alert());
            List<MimeMessage> registered = waitForMails(before, 2);
            assertEquals(new TreeSet<>(Set.of(user.email(), first)), recipients(registered));
            for (MimeMessage message : registered) {
                assertEquals("SSPR Demo: a password reset method was set up", subject(message));
                String text = Mails.text(message);
                assertTrue(
                        text.contains("A password reset method was set up or changed on your SSPR Demo account: "
                                + "recovery email."),
                        text);
                assertCommonParts(text);
                assertFalse(text.contains(firstCode), "no code in a notification");
                assertFalse(html(message).contains(firstCode), "no code in the HTML part either");
            }

            // Replacing it tells the old address too.
            clock.set(31);
            browser.click("sspr-change-email");
            String secondCode = sendCode(browser, second);
            before = seen();
            browser.type("code", secondCode).click("sspr-verify");
            assertEquals("Your recovery email is verified and saved.", browser.alert());
            List<MimeMessage> changed = waitForMails(before, 3);
            assertEquals(
                    new TreeSet<>(Set.of(user.email(), first, second)),
                    recipients(changed),
                    describe(changed.toArray(MimeMessage[]::new), 0));
            for (MimeMessage message : changed) {
                String text = Mails.text(message);
                assertFalse(text.contains(firstCode) || text.contains(secondCode), text);
            }

            // Removing it tells the removed address and the account.
            before = seen();
            browser.click("sspr-remove-email");
            List<MimeMessage> removed = waitForMails(before, 2);
            assertEquals(new TreeSet<>(Set.of(user.email(), second)), recipients(removed));
            for (MimeMessage message : removed) {
                assertEquals("SSPR Demo: a password reset method was removed", subject(message));
                assertTrue(
                        Mails.text(message)
                                .contains("A password reset method was removed from your SSPR Demo account: "
                                        + "recovery email."),
                        Mails.text(message));
            }
        }
    }

    @Test
    void aSelfServicePasswordChangeIsNotifiedWithoutThePassword() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "olga");
        String newPassword =
                "Changed-Passw0rd-" + user.username().substring(user.username().length() - 4);
        // Registration at sign-in would come first; this test is about the change.
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_REGISTRATION_AT_SIGN_IN);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "UPDATE_PASSWORD");
            Set<String> before = seen();
            browser.type("password-new", newPassword)
                    .type("password-confirm", newPassword)
                    .click("sspr-set-password");
            assertTrue(browser.signedIn(), browser.url());
            List<MimeMessage> changed = waitForMails(before, 1);
            assertEquals(new TreeSet<>(Set.of(user.email())), recipients(changed));
            MimeMessage message = changed.get(0);
            assertEquals("SSPR Demo: your password was changed", subject(message));
            String text = Mails.text(message);
            assertTrue(text.contains("The password of your SSPR Demo account was changed."), text);
            assertCommonParts(text);
            assertNoSecret(message, newPassword, DemoUsers.PASSWORD);
        }
    }

    @Test
    void anAdminWhoResetsTheirOwnPasswordIsToldAndEveryOtherRealmAdminToo() {
        DemoUsers.Created acting = DemoUsers.create(realm.admin(), "root");
        DemoUsers.Created viaGroup = DemoUsers.create(realm.admin(), "boss");
        DemoUsers.Created bystander = DemoUsers.create(realm.admin(), "pat");
        String clientUuid = realm.admin()
                .clients()
                .findByClientId("realm-management")
                .get(0)
                .getId();
        RoleRepresentation realmAdmin = realm.admin()
                .clients()
                .get(clientUuid)
                .roles()
                .get("realm-admin")
                .toRepresentation();
        realm.admin().users().get(acting.id()).roles().clientLevel(clientUuid).add(List.of(realmAdmin));
        GroupRepresentation group = new GroupRepresentation();
        group.setName("owners-" + viaGroup.username());
        String groupId;
        try (Response created = realm.admin().groups().add(group)) {
            String path = created.getLocation().getPath();
            groupId = path.substring(path.lastIndexOf('/') + 1);
        }
        realm.admin().groups().group(groupId).roles().clientLevel(clientUuid).add(List.of(realmAdmin));
        realm.admin().users().get(viaGroup.id()).joinGroup(groupId);

        String newPassword = "Own-Reset-Passw0rd-"
                + acting.username().substring(acting.username().length() - 4);
        AdminApi asActing =
                new AdminApi(AdminApi.passwordGrant(realm.getName(), acting.username(), DemoUsers.PASSWORD));
        Set<String> before = seen();
        AdminApi.Response reset = asActing.putJson(
                "/admin/realms/" + realm.getName() + "/users/" + acting.id() + "/reset-password",
                Map.of("type", "password", "value", newPassword, "temporary", false));
        assertEquals(204, reset.status(), reset.body());

        List<MimeMessage> mails = waitForMails(before, 2);
        assertEquals(new TreeSet<>(Set.of(acting.email(), viaGroup.email())), recipients(mails));
        for (MimeMessage message : mails) {
            String to = recipients(List.of(message)).first();
            String text = Mails.text(message);
            if (to.equals(acting.email())) {
                assertEquals("SSPR Demo: an administrator reset your password", subject(message));
                assertCommonParts(text);
            } else {
                assertEquals(
                        "SSPR Demo: administrator " + acting.username() + " reset their own password",
                        subject(message));
                assertTrue(
                        text.contains("Administrator " + acting.username() + " reset their own SSPR Demo password."),
                        text);
                assertFalse(NOT_ME_LINK.matcher(text).find(), "the admins' mail cannot lock someone else out");
            }
            assertNoSecret(message, newPassword, DemoUsers.PASSWORD);
        }
        assertFalse(recipients(mails).contains(bystander.email()));

        // An admin resetting somebody else's password tells that user only.
        before = seen();
        AdminApi.Response other = asActing.putJson(
                "/admin/realms/" + realm.getName() + "/users/" + bystander.id() + "/reset-password",
                Map.of("type", "password", "value", "Other-Reset-Passw0rd1", "temporary", true));
        assertEquals(204, other.status(), other.body());
        List<MimeMessage> toUser = waitForMails(before, 1);
        assertEquals(new TreeSet<>(Set.of(bystander.email())), recipients(toUser));
        assertEquals("SSPR Demo: an administrator reset your password", subject(toUser.get(0)));
        assertNoSecret(toUser.get(0), "Other-Reset-Passw0rd1", DemoUsers.PASSWORD);
    }

    @Test
    void thisWasntMeLocksTheAccountOnceAndOnlyOnce() throws Exception {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "quinn");
        UserResource admin = realm.admin().users().get(user.id());
        String adminCli =
                realm.admin().clients().findByClientId("admin-cli").get(0).getId();
        String offlineToken = offlineGrant(user.username(), DemoUsers.PASSWORD);
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_REGISTRATION_AT_SIGN_IN);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertTrue(browser.signedIn(), browser.url());
            assertFalse(admin.getUserSessions().isEmpty(), "signed in");
        }
        assertFalse(admin.getOfflineSessions(adminCli).isEmpty(), "holds an offline token");

        Set<String> before = seen();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("Attacker-Passw0rd1");
        password.setTemporary(false);
        admin.resetPassword(password);
        MimeMessage notice = waitForMails(before, 1).get(0);
        assertNoSecret(notice, "Attacker-Passw0rd1", DemoUsers.PASSWORD);
        Matcher link = NOT_ME_LINK.matcher(Mails.text(notice));
        assertTrue(link.find(), Mails.text(notice));
        assertTrue(html(notice).contains(link.group(1)), "the HTML part carries the same link");

        // Opening the link (as a mail scanner would) changes nothing.
        HttpResponse<String> page = get(link.group(1));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-state=\"confirm\""), page.body());
        assertTrue(page.body().contains("Lock your account?"), page.body());
        assertTrue(admin.toRepresentation().isEnabled(), "GET must not act");
        assertEquals(
                "no-store, must-revalidate, max-age=0",
                page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        Matcher hidden = HIDDEN_KEY.matcher(page.body());
        assertTrue(hidden.find(), page.body());

        HttpResponse<String> confirmed = post(hidden.group(1));
        assertEquals(200, confirmed.statusCode());
        assertTrue(confirmed.body().contains("data-state=\"done\""), confirmed.body());
        assertTrue(confirmed.body().contains("Your account is locked"), confirmed.body());

        assertFalse(admin.toRepresentation().isEnabled(), "the account is disabled");
        assertTrue(admin.getUserSessions().isEmpty(), "every session is signed out");
        assertTrue(admin.getOfflineSessions(adminCli).isEmpty(), "offline tokens are revoked");
        assertEquals(400, refresh(offlineToken), "the offline token no longer works");
        List<EventRepresentation> events =
                realm.admin().getEvents(List.of("RESET_PASSWORD_ERROR"), null, user.id(), null, null, null, 0, 10);
        EventRepresentation event = events.stream()
                .filter(e -> "not-me".equals(e.getDetails().get("sspr_step")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no not-me event: " + events));
        assertEquals("sspr_not_me", event.getError());
        assertEquals("adminReset", event.getDetails().get("sspr_notice"));
        assertEquals("true", event.getDetails().get("sspr_locked"));

        // A second click, or opening the link again: "already used", and nothing happens.
        admin.update(enabled(admin, true));
        HttpResponse<String> again = post(hidden.group(1));
        assertTrue(again.body().contains("data-state=\"used\""), again.body());
        assertTrue(get(link.group(1)).body().contains("This link was already used"));
        assertTrue(admin.toRepresentation().isEnabled(), "a used link does nothing");
        assertEquals(
                1,
                realm
                        .admin()
                        .getEvents(List.of("RESET_PASSWORD_ERROR"), null, user.id(), null, null, null, 0, 10)
                        .stream()
                        .filter(e -> "not-me".equals(e.getDetails().get("sspr_step")))
                        .count());

        // A made-up key is refused the same way as an expired one.
        HttpResponse<String> bogus = post("A".repeat(43));
        assertTrue(bogus.body().contains("data-state=\"invalid\""), bogus.body());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void assertCommonParts(String text) {
        assertTrue(text.matches("(?s).*When: .*2\\d{3}.* \\(UTC\\).*"), text);
        assertTrue(text.matches("(?s).*From IP address: [0-9a-fA-F:.]+.*"), text);
        assertTrue(text.contains("If this was not you"), text);
        assertTrue(NOT_ME_LINK.matcher(text).find(), text);
        assertTrue(text.contains("Questions? Contact your helpdesk: helpdesk@demo.sspr.test"), text);
    }

    private static void assertNoSecret(MimeMessage message, String... secrets) {
        String all = subject(message) + "\n" + Mails.text(message) + "\n" + html(message);
        for (String secret : secrets) {
            assertFalse(all.contains(secret), "a secret is in the notification");
        }
    }

    private String sendCode(LoginBrowser browser, String address) {
        int before = mail.getReceivedMessages().length;
        browser.type("email", address).click("sspr-send");
        return Mails.codeSentTo(mail, address, before, 8);
    }

    /** Message-IDs of what GreenMail holds now (it lists messages by mailbox, not by arrival). */
    private Set<String> seen() {
        Set<String> ids = new java.util.HashSet<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            ids.add(messageId(message));
        }
        return ids;
    }

    /** The {@code n} messages that arrived since {@code before}, waiting up to 10 s for them. */
    private List<MimeMessage> waitForMails(Set<String> before, int n) {
        assertTrue(mail.waitForIncomingEmail(10_000, before.size() + n), "expected " + n + " mail(s) within 10 s");
        MimeMessage[] all = mail.getReceivedMessages();
        List<MimeMessage> fresh = new ArrayList<>();
        for (MimeMessage message : all) {
            if (!before.contains(messageId(message))) {
                fresh.add(message);
            }
        }
        assertEquals(
                n, fresh.size(), "exactly " + n + " new mail(s): " + describe(fresh.toArray(MimeMessage[]::new), 0));
        return fresh;
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recipient and subject of each message from {@code from} on, for a failure message. */
    private static String describe(MimeMessage[] messages, int from) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < messages.length; i++) {
            lines.add(recipients(List.of(messages[i])) + " " + subject(messages[i]));
        }
        return String.join("; ", lines);
    }

    private static TreeSet<String> recipients(List<MimeMessage> messages) {
        TreeSet<String> to = new TreeSet<>();
        for (MimeMessage message : messages) {
            try {
                for (Address address : message.getAllRecipients()) {
                    to.add(address.toString());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return to;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML part, or "". */
    private static String html(MimeMessage message) {
        try {
            if (message.getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    if (multipart.getBodyPart(i).isMimeType("text/html")) {
                        return (String) multipart.getBodyPart(i).getContent();
                    }
                }
            }
            return "";
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private HttpResponse<String> post(String key) {
        return send(HttpRequest.newBuilder(URI.create(AdminApi.BASE + "/realms/" + realm.getName() + "/sspr/not-me"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + enc(key)))
                .build());
    }

    private String offlineGrant(String username, String password) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(AdminApi.BASE + "/realms/" + realm.getName() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&scope="
                        + enc("openid offline_access") + "&username=" + enc(username) + "&password=" + enc(password)))
                .build());
        assertEquals(200, response.statusCode(), response.body());
        Matcher token = Pattern.compile("\"refresh_token\":\"([^\"]+)\"").matcher(response.body());
        assertTrue(token.find(), "no refresh token");
        return token.group(1);
    }

    private int refresh(String refreshToken) {
        return send(HttpRequest.newBuilder(URI.create(
                                AdminApi.BASE + "/realms/" + realm.getName() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=refresh_token&client_id=admin-cli&refresh_token=" + enc(refreshToken)))
                        .build())
                .statusCode();
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

    private static org.keycloak.representations.idm.UserRepresentation enabled(UserResource user, boolean enabled) {
        org.keycloak.representations.idm.UserRepresentation rep = user.toRepresentation();
        rep.setEnabled(enabled);
        return rep;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
