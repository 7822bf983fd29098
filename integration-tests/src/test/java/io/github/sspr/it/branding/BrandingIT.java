package io.github.sspr.it.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * One branding from the realm's SSPR policy on every SSPR surface: a registration page, a reset page, the registration
 * and reset code emails and a notification email carry the policy's organization name, colour, logo and helpdesk link;
 * without an organization name they show the realm's display name.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class BrandingIT {

    private static final String ORG = "Example Corp";
    private static final String COLOUR = "#aa3300";
    private static final String LOGO = "https://cdn.example.test/logo.png";
    private static final String HELPDESK = "mailto:it-help@example.test";

    private static final Map<String, List<String>> BRANDED = Map.of(
            "methods", List.of("email", "sms", "voice"),
            "gatesRequired", List.of("1"),
            "phoneCountries", List.of("US"),
            "orgName", List.of(ORG),
            "primaryColor", List.of("#AA3300"),
            "logoUrl", List.of(LOGO),
            "helpdeskLink", List.of(HELPDESK));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void registrationPageAndItsCodeEmailCarryTheBrand() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "brandy");
        String alternate = user.username() + ".alt@elsewhere.test";
        try (PolicyFixture policy = PolicyFixture.apply(realm, BRANDED);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            assertEquals("Set up password reset", browser.title());
            assertPageBranded(browser.text("sspr-org"), browser.html());

            Set<String> seen = Mails.seen(mail);
            browser.click("sspr-add-email").type("email", alternate).click("sspr-send");
            assertEquals("Enter the code", browser.title());
            assertPageBranded(browser.text("sspr-org"), browser.html());
            MimeMessage codeMail = Mails.newMailTo(mail, alternate, seen);
            assertMailBranded(codeMail, "Your " + ORG + " verification code");
            String code = Mails.codeTo(mail, alternate, seen, 8);

            // The notification that a method was set up goes to the account address after commit, branded the same way.
            Set<String> beforeNotice = Mails.seen(mail);
            browser.type("code", code).click("sspr-verify");
            assertEquals("Your recovery email is verified and saved.", browser.alert());
            assertMailBranded(Mails.newMailTo(mail, user.email(), beforeNotice), ORG);
        }
    }

    @Test
    void resetPagesAndTheResetCodeEmailCarryTheBrand() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "brenda", true, null);
        try (PolicyFixture policy = PolicyFixture.apply(realm, BRANDED)) {
            ResetClient client = new ResetClient(realm.getName()).openReset();
            assertEquals("sspr-reset-identify.ftl", client.template(), client.body());
            assertPageBranded(client.text("sspr-org"), client.body());

            client.identify(user.username(), null);
            assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
            assertPageBranded(client.text("sspr-org"), client.body());

            Set<String> seen = Mails.seen(mail);
            client.action("choose", "method", "email");
            assertEquals("sspr-reset-code.ftl", client.template(), client.body());
            assertPageBranded(client.text("sspr-org"), client.body());
            assertMailBranded(
                    Mails.newMailTo(mail, user.recoveryEmail(), seen), "Your " + ORG + " password reset code");
        }
    }

    @Test
    void withoutAnOrganizationNameTheRealmsDisplayNameIsShown() {
        String displayName = realm.admin().toRepresentation().getDisplayName();
        assertNotNull(displayName, "the demo realm has a display name");
        // The fixture updates the demo's policy component, and a component update keeps keys it is not given: blank
        // values remove them.
        try (PolicyFixture policy = PolicyFixture.apply(
                realm,
                Map.of(
                        "orgName", List.of(""),
                        "primaryColor", List.of(""),
                        "logoUrl", List.of(""),
                        "helpdeskLink", List.of("")))) {
            ResetClient client = new ResetClient(realm.getName()).openReset();
            assertEquals(displayName, client.text("sspr-org"));
            assertTrue(!client.body().contains("--sspr-primary:"), "no colour set, none forced");
            assertTrue(!client.has("sspr-helpdesk"), "no helpdesk link set, none shown");
        }
    }

    private static void assertPageBranded(String org, String html) {
        assertEquals(ORG, org);
        assertTrue(html.contains("--pf-v5-global--primary-color--100: " + COLOUR + ";"), "colour: " + html);
        assertTrue(html.contains("src=\"" + LOGO + "\""), "logo: " + html);
        assertTrue(html.contains("href=\"" + HELPDESK + "\""), "helpdesk link: " + html);
    }

    private static void assertMailBranded(MimeMessage message, String subject) {
        try {
            assertTrue(message.getSubject().contains(subject), message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        String html = Mails.html(message);
        assertNotNull(html, "an HTML part");
        assertTrue(html.contains("color: " + COLOUR + ";\">" + ORG + "</p>"), "org name in the colour: " + html);
        assertTrue(html.contains("<img src=\"" + LOGO + "\""), "logo: " + html);
        assertTrue(html.contains("it-help@example.test"), "helpdesk: " + html);
        assertTrue(Mails.text(message).contains("Contact your helpdesk: it-help@example.test"), Mails.text(message));
    }
}
