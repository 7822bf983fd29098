package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Dave forgets his password and gets back in, in Chromium, through two gates: sign-in page, "Forgot Password?", the
 * identify page (its proof-of-work solved by the page's own script), an emailed code (GreenMail), a texted code
 * (WireMock as Twilio), the new password with its live checklist, and the sign-in page with the success message.
 * Every page is kept as a screenshot under {@code target/it-artifacts/screenshots/reset-journey/}.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetJourneyIT {

    private static final String OLD_PASSWORD = "Dave-Passw0rd!";
    private static final String NEW_PASSWORD = "Dave-Journey-N3w-Passw0rd!";
    private static final String PHONE = "+14155550123";
    private static final String RECOVERY_EMAIL = "dave.alt@demo.sspr.test";

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void daveResetsHisPasswordThroughTwoGatesAndSignsIn() {
        Chromium.requireOrSkip();
        TwilioFake.acceptAll(twilio);
        UsedSecrets.addPhone(PHONE);
        try (PolicyFixture policy = PolicyFixture.apply(
                        realm,
                        Map.of(
                                "methods", List.of("email", "sms", "voice"),
                                "gatesRequired", List.of("2"),
                                "orgName", List.of("SSPR Demo"),
                                "helpdeskLink", List.of("mailto:helpdesk@demo.sspr.test")));
                Chromium chromium = Chromium.start("reset-journey")) {
            chromium.walk(() -> walk(chromium));
        }

        assertTrue(AdminApi.passwordGrant(realm.getName(), "dave", NEW_PASSWORD).length() > 20);
        assertThrows(IllegalStateException.class, () -> AdminApi.passwordGrant(realm.getName(), "dave", OLD_PASSWORD));
    }

    private void walk(Chromium chromium) {
        WebDriver driver = chromium.driver();
        chromium.open(AdminApi.BASE + "/realms/" + realm.getName() + "/account");
        chromium.waitFor(By.id("kc-login"));
        chromium.shot("sign-in");

        driver.findElement(By.linkText("Forgot Password?")).click();
        chromium.waitFor(By.id("sspr-identify-form"));
        chromium.shot("identify");
        driver.findElement(By.id("username")).sendKeys("dave");
        // The page's own script solves the proof-of-work, then enables the button.
        WebElement submit = new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(By.id("sspr-identify-submit")));
        assertEquals("true", driver.findElement(By.id("sspr-identify-form")).getAttribute("data-pow-solved"));
        assertFalse(driver.findElement(By.id("sspr-pow-nonce"))
                .getAttribute("value")
                .isEmpty());
        chromium.shot("identify-ready");
        submit.click();

        // Gate 1: an emailed code.
        chromium.waitFor(By.id("sspr-choose-form"));
        assertTrue(driver.findElements(By.id("sspr-progress")).isEmpty(), "no total before a gate is passed");
        assertTrue(driver.findElement(By.id("sspr-helpdesk")).isDisplayed(), "helpdesk link on every SSPR page");
        assertNoSecretOnPage(driver);
        chromium.shot("choose-gate-1");
        int before = mail.getReceivedMessages().length;
        driver.findElement(By.id("sspr-choose-email")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        String emailCode = UsedSecrets.add(Mails.codeSentTo(mail, RECOVERY_EMAIL, before, 8));
        driver.findElement(By.id("code")).sendKeys(emailCode);
        chromium.shot("email-code");
        driver.findElement(By.id("sspr-verify")).click();

        // Gate 2: another factor, a texted code; email is not offered again.
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id("sspr-progress")).isEmpty()
                        && "Verification 2 of 2".equals(text(d, "sspr-progress")));
        assertTrue(driver.findElements(By.id("sspr-choose-email")).isEmpty(), "email passed already");
        assertNoSecretOnPage(driver);
        chromium.shot("choose-gate-2");
        driver.findElement(By.id("sspr-choose-sms")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        String smsCode =
                UsedSecrets.add(TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), PHONE, 1), 6));
        driver.findElement(By.id("code")).sendKeys(smsCode);
        assertNoSecretOnPage(driver);
        chromium.shot("sms-code");
        driver.findElement(By.id("sspr-verify")).click();

        // The new password: the rules up front, ticked as he types.
        WebElement password = chromium.waitFor(By.id("password-new"));
        chromium.shot("new-password");
        assertEquals("sspr-rule", ruleClass(driver, "length"), "nothing ticked before typing");
        password.sendKeys("Dave-J");
        assertEquals("sspr-rule sspr-rule--unmet", ruleClass(driver, "length"));
        assertEquals("sspr-rule sspr-rule--met", ruleClass(driver, "upperCase"));
        assertEquals("sspr-rule sspr-rule--unmet", ruleClass(driver, "digits"));
        chromium.shot("checklist-typing");
        password.sendKeys(NEW_PASSWORD.substring("Dave-J".length()));
        for (String rule : List.of("length", "upperCase", "digits", "notUsername", "notEmail")) {
            assertEquals("sspr-rule sspr-rule--met", ruleClass(driver, rule), rule);
        }
        driver.findElement(By.id("password-confirm")).sendKeys(NEW_PASSWORD);
        chromium.shot("checklist-met");
        driver.findElement(By.id("sspr-set-password")).click();

        // Back on the sign-in page with the success message, not signed in.
        chromium.waitFor(By.id("kc-login"));
        String alert = chromium.waitFor(By.cssSelector(".pf-v5-c-alert__title")).getText();
        assertEquals("Your password has been changed. Sign in with your new password.", alert.strip());
        chromium.shot("signed-out-with-message");

        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys("dave");
        driver.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.getCurrentUrl().contains("/realms/demo/account")
                        && !d.getCurrentUrl().contains("login-actions")
                        // The account console has a #username field of its own: look for the sign-in button.
                        && d.findElements(By.id("kc-login")).isEmpty());
        chromium.waitFor(By.xpath("//*[contains(text(), 'Personal info')]"));
        chromium.shot("signed-in");
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    /** The class of a checklist rule; only what the page's script set (the rule ids come from the realm policy). */
    private static String ruleClass(WebDriver driver, String rule) {
        return driver.findElement(By.id("sspr-rule-" + rule))
                .getAttribute("class")
                .strip();
    }

    private static void assertNoSecretOnPage(WebDriver driver) {
        String html = driver.getPageSource();
        assertFalse(html.contains(PHONE.substring(2)), "full phone number on the page");
        assertFalse(html.contains(RECOVERY_EMAIL), "full recovery email on the page");
    }
}
