package io.github.sspr.it.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.SsprServerConfig;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * The demo realm runs the default policy (one gate of email, SMS or voice; registration required; re-confirmation
 * every 180 days): who gets the registration page at sign-in, that it cannot be clicked away, and that the
 * re-confirmation is due exactly at day 180, on a server clock moved by the test.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class RegistrationAtSignInIT {

    private static final Duration PERIOD = Duration.ofDays(180);

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    @Test
    void aUserWithoutMethodsMustRegisterAtSignInAndCannotClickThrough() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "kim");
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertEquals("Set up password reset", browser.title());
            assertFalse(browser.has("sspr-cancel"), "no way out at sign-in");
            browser.click("sspr-done");
            assertEquals("Set up at least one method before you continue.", browser.fieldError("methods"));
            assertFalse(browser.signedIn());
        }
        // Closing the tab does not remove the requirement.
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertEquals("Set up password reset", browser.title());
            registerEmail(browser, user.username() + ".alt@elsewhere.test");
            browser.click("sspr-done");
            assertTrue(browser.signedIn(), browser.url());
        }
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertTrue(browser.signedIn(), "registered users are not asked again: " + browser.title());
        }
    }

    @Test
    void passwordGrantsAreNotBlockedByAMissingRegistration() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "lee");
        // A token request cannot show a page; the requirement waits for the next interactive sign-in.
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), DemoUsers.PASSWORD)
                        .length()
                > 20);
    }

    @Test
    void reconfirmationIsDueExactlyAtDayN() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "max");
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            registerEmail(browser, user.username() + ".alt@elsewhere.test");
            browser.click("sspr-done");
            assertTrue(browser.signedIn());
        }

        clock.set(PERIOD.minusMinutes(2));
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertTrue(browser.signedIn(), "not due before day 180: " + browser.title());
        }

        clock.set(PERIOD.plusSeconds(10));
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertEquals("Confirm your password reset methods", browser.title());
            assertTrue(browser.text("sspr-value-email").endsWith("@elsewhere.test"));
            assertEquals("They are up to date", browser.text("sspr-done"));
            browser.click("sspr-done");
            assertTrue(browser.signedIn(), browser.url());
        }
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertTrue(browser.signedIn(), "confirmed again, so not asked again: " + browser.title());
        }
        Set<String> events = realm
                .admin()
                .getEvents(java.util.List.of("UPDATE_CREDENTIAL"), null, user.id(), null, null, null, 0, 20)
                .stream()
                .map(e -> e.getDetails().get("sspr_method"))
                .collect(Collectors.toSet());
        assertTrue(events.contains("confirm"), "confirmation is an event: " + events);
    }

    @Test
    void preRegisteredDemoUsersAreNotAsked() {
        for (String[] account : new String[][] {{"dave", "Dave-Passw0rd!"}, {"carol", "Carol-Passw0rd!"}}) {
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), account[0], account[1], null);
                assertTrue(browser.signedIn(), account[0] + " was asked: " + browser.title());
            }
        }
        Set<String> daves =
                realm
                        .admin()
                        .users()
                        .get(realm.admin().users().search("dave", true).get(0).getId())
                        .credentials()
                        .stream()
                        .map(c -> c.getType())
                        .collect(Collectors.toSet());
        assertTrue(
                daves.containsAll(Set.of("sspr-recovery-phone", "sspr-recovery-email", "sspr-security-questions")),
                daves.toString());
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), "dave", "Dave-Passw0rd!", "sspr-register");
            assertEquals("+14*******23", browser.text("sspr-value-phone"));
            assertEquals("d*******@demo.sspr.test", browser.text("sspr-value-email"));
            assertTrue(browser.has("sspr-cancel"), "from an application the page can be cancelled");
        }
    }

    private void registerEmail(LoginBrowser browser, String address) {
        int before = mail.getReceivedMessages().length;
        browser.click("sspr-add-email").type("email", address).click("sspr-send");
        assertNull(browser.fieldError("email"), browser.html());
        browser.type("code", Mails.codeSentTo(mail, address, before, 8)).click("sspr-verify");
        assertEquals("Your recovery email is verified and saved.", browser.alert());
    }
}
