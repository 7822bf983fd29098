package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.SsprServerConfig;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person forgets a password in the demo realm and gets back in, in Chromium: login page, "Forgot Password?", the
 * mail in GreenMail, the new password, signed in to the account console. Screenshots of every page are kept.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ForgotPasswordJourneyIT {

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void carolResetsHerPasswordThroughTheMailedLink() {
        Chromium.requireOrSkip();
        String newPassword = "Carol-N3w-Passw0rd!";
        try (Chromium chromium = Chromium.start("forgot-password")) {
            chromium.walk(() -> walkTheJourney(chromium, newPassword));
        }

        // The new password works everywhere; the old one no longer does.
        assertTrue(AdminApi.passwordGrant(realm.getName(), "carol", newPassword).length() > 20);
        assertThrows(
                IllegalStateException.class, () -> AdminApi.passwordGrant(realm.getName(), "carol", "Carol-Passw0rd!"));
    }

    private void walkTheJourney(Chromium chromium, String newPassword) {
        {
            chromium.open(AdminApi.BASE + "/realms/" + realm.getName() + "/account");
            chromium.waitFor(By.id("username"));
            chromium.shot("login");

            chromium.driver().findElement(By.linkText("Forgot Password?")).click();
            chromium.waitFor(By.id("username")).sendKeys("carol");
            chromium.shot("forgot-password");
            chromium.driver().findElement(By.cssSelector("[type=submit]")).click();

            String info = chromium.waitFor(By.cssSelector(".pf-v5-c-alert__title, #kc-content-wrapper"))
                    .getText();
            assertTrue(info.contains("You should receive an email shortly"), info);
            chromium.shot("mail-sent");

            assertTrue(mail.waitForIncomingEmail(10_000, 1), "no reset mail within 10 s");
            MimeMessage message = mail.getLastReceivedMessage();
            assertEquals("carol@demo.sspr.test", firstRecipient(message));
            String link = Mails.firstKeycloakLink(message);
            assertTrue(link.contains("/login-actions/action-token"), link);

            chromium.open(link);
            chromium.waitFor(By.id("password-new")).sendKeys(newPassword);
            chromium.driver().findElement(By.id("password-confirm")).sendKeys(newPassword);
            chromium.shot("new-password");
            chromium.driver().findElement(By.cssSelector("[type=submit]")).click();

            new WebDriverWait(chromium.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("/realms/demo/account")
                            && !d.getCurrentUrl().contains("login-actions")
                            && d.findElements(By.cssSelector("#username, #password-new"))
                                    .isEmpty());
            chromium.waitFor(By.xpath("//*[contains(text(), 'Personal info')]"));
            chromium.shot("signed-in");
        }

        // The new password works everywhere; the old one no longer does.
        assertTrue(AdminApi.passwordGrant(realm.getName(), "carol", newPassword).length() > 20);
        assertThrows(
                IllegalStateException.class, () -> AdminApi.passwordGrant(realm.getName(), "carol", "Carol-Passw0rd!"));
    }

    private static String firstRecipient(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .map(Address::toString)
                    .findFirst()
                    .orElseThrow();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
