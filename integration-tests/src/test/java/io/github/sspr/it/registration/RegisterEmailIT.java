package io.github.sspr.it.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * A user registers a recovery email from the account console ({@code kc_action=sspr-register}), over plain HTML
 * forms: the code arrives by mail and must be the right one, fresh, unused and from this sign-in.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class RegisterEmailIT {

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    @Test
    void registersAVerifiedRecoveryEmailThatTheAdminSeesAndDeletes() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "erin");
        String alternate = user.username() + ".alt@elsewhere.test";
        String code;
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            assertEquals("Set up password reset", browser.title());
            assertEquals("Not set up", browser.text("sspr-value-email"));

            code = sendEmailCode(browser, alternate);
            assertEquals("Enter the code", browser.title());
            assertTrue(
                    browser.text("sspr-destination").startsWith(user.username().charAt(0) + "*"), browser.html());
            assertFalse(browser.html().contains(alternate), "the page shows the address masked only");

            browser.type("code", wrong(code)).click("sspr-verify");
            assertEquals("That code is not right. Check it and try again.", browser.fieldError("code"));

            browser.type("code", code).click("sspr-verify");
            assertEquals("Your recovery email is verified and saved.", browser.alert());
            String masked = browser.text("sspr-value-email");
            assertTrue(masked.matches(user.username().charAt(0) + "\\*+@elsewhere\\.test"), masked);

            browser.click("sspr-done");
            assertTrue(browser.signedIn(), browser.url());
        }

        // The admin sees it, masked, without the secret part; the event names the method, not the address or code.
        List<CredentialRepresentation> credentials =
                realm.admin().users().get(user.id()).credentials();
        CredentialRepresentation email = credentials.stream()
                .filter(c -> c.getType().equals("sspr-recovery-email"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no recovery email in " + credentials));
        assertTrue(email.getUserLabel().endsWith("@elsewhere.test"));
        assertFalse(email.getUserLabel().contains(user.username() + ".alt"));
        assertNull(email.getSecretData(), "the admin API never returns the address itself");
        assertTrue(email.getCredentialData().contains("\"confirmedAt\""), email.getCredentialData());

        List<EventRepresentation> events =
                realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, user.id(), null, null, null, 0, 20);
        EventRepresentation saved = events.stream()
                .filter(e -> "email".equals(e.getDetails().get("sspr_method")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no UPDATE_CREDENTIAL event: " + events));
        assertEquals("sspr-recovery-email", saved.getDetails().get("credential_type"));
        assertFalse(
                saved.getDetails().toString().contains(alternate),
                saved.getDetails().toString());
        assertFalse(saved.getDetails().toString().contains(code), "no code in the event");

        realm.admin().users().get(user.id()).removeCredential(email.getId());
        assertTrue(realm.admin().users().get(user.id()).credentials().stream()
                .noneMatch(c -> c.getType().equals("sspr-recovery-email")));
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            assertEquals("Not set up", browser.text("sspr-value-email"));
        }
    }

    @Test
    void theAccountEmailAndMalformedAddressesAreRefusedNextToTheField() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "fay");
        int before = mail.getReceivedMessages().length;
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            browser.click("sspr-add-email")
                    .type("email", user.email().toUpperCase())
                    .click("sspr-send");
            assertEquals("Use a different address than your account's email.", browser.fieldError("email"));
            browser.type("email", "not-an-address").click("sspr-send");
            assertEquals("Enter a valid email address.", browser.fieldError("email"));
        }
        assertEquals(before, mail.getReceivedMessages().length, "nothing was sent");
    }

    @Test
    void anExpiredCodeIsRefused() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "gus");
        // The code must outlive Keycloak's own limit on a page left open (5 min by default), or the sign-in restarts
        // before our expiry is reached.
        realm.updateWithCleanup(r -> r.accessCodeLifespanUserAction(900));
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            String code = sendEmailCode(browser, user.username() + ".alt@elsewhere.test");
            clock.set(5 * 60 + 1);
            browser.type("code", code).click("sspr-verify");
            assertEquals("That code has expired. Ask for a new one.", browser.fieldError("code"));
        }
        assertNoRecoveryEmail(user);
    }

    @Test
    void aUsedCodeCannotBeReplayed() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "hal");
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            String first = sendEmailCode(browser, user.username() + ".one@elsewhere.test");
            browser.type("code", first).click("sspr-verify");
            assertEquals("Your recovery email is verified and saved.", browser.alert());

            // Change the address: after the cooldown a new code goes out, and the used one no longer counts.
            clock.set(31);
            browser.click("sspr-change-email");
            String second = sendEmailCode(browser, user.username() + ".two@elsewhere.test");
            assertNotEquals(first, second);
            browser.type("code", first).click("sspr-verify");
            assertEquals("That code is not right. Check it and try again.", browser.fieldError("code"));
            assertTrue(browser.text("sspr-destination").contains("@elsewhere.test"));
        }
        // Still the first address (masked label h******…), not the second.
        CredentialRepresentation email = realm.admin().users().get(user.id()).credentials().stream()
                .filter(c -> c.getType().equals("sspr-recovery-email"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                ("h" + "*".repeat((user.username() + ".one").length() - 1) + "@elsewhere.test"), email.getUserLabel());
    }

    @Test
    void aCodeFromAnotherSignInIsRefused() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "ida");
        String address = user.username() + ".alt@elsewhere.test";
        try (LoginBrowser first = new LoginBrowser();
                LoginBrowser second = new LoginBrowser()) {
            first.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            String firstCode = sendEmailCode(first, address);
            second.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            String secondCode = sendEmailCode(second, address);
            assertNotEquals(firstCode, secondCode);

            second.type("code", firstCode).click("sspr-verify");
            assertEquals("That code is not right. Check it and try again.", second.fieldError("code"));
            first.type("code", secondCode).click("sspr-verify");
            assertEquals("That code is not right. Check it and try again.", first.fieldError("code"));
        }
        assertNoRecoveryEmail(user);
    }

    @Test
    void cooldownAndSendCapHold() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "jo");
        String address = user.username() + ".alt@elsewhere.test";
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            sendEmailCode(browser, address);

            int before = mail.getReceivedMessages().length;
            browser.click("sspr-resend");
            String cooldown = browser.fieldError("code");
            assertNotNull(cooldown, browser.html());
            assertTrue(cooldown.matches("Wait \\d+ seconds before asking for another code\\."), cooldown);

            // Four more codes after each cooldown (5 per sign-in), then no more.
            for (int i = 1; i <= 4; i++) {
                clock.set(31 * i);
                browser.click("sspr-resend");
                assertNull(browser.fieldError("code"), browser.html());
            }
            clock.set(31 * 5);
            browser.click("sspr-resend");
            assertEquals("Too many codes were sent. Sign in again to start over.", browser.fieldError("code"));
            assertTrue(mail.waitForIncomingEmail(10_000, before + 4));
            assertEquals(before + 4, mail.getReceivedMessages().length, "refused sends send nothing");
        }
    }

    private String sendEmailCode(LoginBrowser browser, String address) {
        int before = mail.getReceivedMessages().length;
        if (browser.has("sspr-add-email")) {
            browser.click("sspr-add-email");
        }
        browser.type("email", address).click("sspr-send");
        assertNull(browser.fieldError("email"), browser.html());
        return Mails.codeSentTo(mail, address, before, 8);
    }

    private void assertNoRecoveryEmail(DemoUsers.Created user) {
        assertTrue(realm.admin().users().get(user.id()).credentials().stream()
                .noneMatch(c -> c.getType().equals("sspr-recovery-email")));
    }

    /** A code that differs from {@code code} in its last digit. */
    static String wrong(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (char) (last == '9' ? '0' : last + 1);
    }
}
