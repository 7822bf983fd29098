package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.Passkeys;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.UsedSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * A real WebAuthn ceremony in Chromium (docs/reset.md, "Passkey"): the user enrols a passkey through Keycloak's own
 * WebAuthn Register action on a virtual authenticator, then resets the password with two gates, the passkey (Keycloak's
 * webauthnAuthenticate.js signs with the authenticator, Keycloak's WebAuthn credential provider verifies) and an
 * emailed code. In English and in German; screenshots under {@code target/it-artifacts/screenshots/passkey-*}.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class PasskeyJourneyIT {

    private static final Map<String, List<String>> PASSKEY_AND_EMAIL = Map.of(
            "methods", List.of("email", "passkey"), "gatesRequired", List.of("2"), "orgName", List.of("SSPR Demo"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    record Words(String tag, String chooserPasskey, String passkeyTitle, String progressTwo, String changed) {}

    private static final Words ENGLISH = new Words(
            "en",
            "Use your passkey or security key",
            "Use your passkey",
            "Verification 2 of 2",
            "Your password has been changed. Sign in with your new password.");
    private static final Words GERMAN =
            new Words("de", "Passkey oder Sicherheitsschlüssel verwenden", "Passkey verwenden", null, null);

    @Test
    void aUserEnrolsAPasskeyThroughKeycloakAndResetsWithItAndAnEmailedCodeInEnglish() {
        journey(ENGLISH, "passkey-en", "Pass-Key-N3w-Passw0rd!");
    }

    @Test
    void theSameJourneyInGerman() {
        journey(GERMAN, "passkey-de", "Pass-Key-N3u-Passw0rt!");
    }

    private void journey(Words words, String shots, String newPassword) {
        Chromium.requireOrSkip();
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "pia-" + words.tag(), true, null);
        Passkeys.requireEnrolment(realm.admin(), user.id(), Passkeys.REGISTER);
        try (Chromium chromium = Chromium.start(shots)) {
            VirtualAuthenticator authenticator = Passkeys.attach(chromium);
            chromium.walk(() -> {
                Passkeys.enrolAtSignIn(
                        chromium,
                        realm.admin(),
                        realm.getName(),
                        user.id(),
                        user.username(),
                        ResetUsers.PASSWORD,
                        words.tag(),
                        "SSPR test key");
                assertEquals(1, Passkeys.held(authenticator), "the authenticator holds the new passkey");
                try (PolicyFixture policy = PolicyFixture.apply(realm, PASSKEY_AND_EMAIL)) {
                    reset(chromium, user, words, newPassword);
                }
            });
        }
    }

    private void reset(Chromium chromium, ResetUsers.Created user, Words words, String newPassword) {
        WebDriver driver = chromium.driver();
        driver.manage().deleteAllCookies(); // signed out: the reset starts from the sign-in page
        chromium.open(LoginBrowser.authUrl(realm.getName(), null) + "&ui_locales=" + words.tag());
        chromium.waitFor(By.id("kc-login"));
        driver.findElement(By.cssSelector("a[href*='reset-credentials']")).click();
        chromium.waitFor(By.id("sspr-identify-form"));
        driver.findElement(By.id("username")).sendKeys(user.username());
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(By.id("sspr-identify-submit")));
        chromium.shot("identify");
        driver.findElement(By.id("sspr-identify-submit")).click();

        // Gate 1: the passkey, offered first.
        chromium.waitFor(By.id("sspr-choose-form"));
        List<String> options = driver.findElements(By.cssSelector("[id^='sspr-choose-']")).stream()
                .map(e -> e.getAttribute("id"))
                .filter(id -> !id.equals("sspr-choose-form"))
                .toList();
        assertEquals("sspr-choose-passkey", options.get(0), "the passkey comes first: " + options);
        assertTrue(
                driver.findElement(By.id("sspr-choose-form")).getText().contains(words.chooserPasskey()),
                driver.findElement(By.id("sspr-choose-form")).getText());
        chromium.shot("choose-gate-1");
        driver.findElement(By.id("sspr-choose-passkey")).click();
        chromium.waitFor(By.id("sspr-passkey"));
        assertTrue(driver.getPageSource().contains(words.passkeyTitle()), "the passkey page in " + words.tag());
        chromium.shot("passkey");
        driver.findElement(By.id("sspr-passkey")).click();

        // Gate 2: email; the passkey is passed and not offered again.
        chromium.waitFor(By.id("sspr-progress"));
        if (words.progressTwo() != null) {
            assertEquals(
                    words.progressTwo(),
                    driver.findElement(By.id("sspr-progress")).getText());
        }
        assertTrue(driver.findElements(By.id("sspr-choose-passkey")).isEmpty(), "the passkey passed already");
        chromium.shot("choose-gate-2");
        int before = mail.getReceivedMessages().length;
        driver.findElement(By.id("sspr-choose-email")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        String code = UsedSecrets.add(Mails.codeSentTo(mail, user.recoveryEmail(), before, 8));
        driver.findElement(By.id("code")).sendKeys(code);
        chromium.shot("email-code");
        driver.findElement(By.id("sspr-verify")).click();

        chromium.waitFor(By.id("password-new")).sendKeys(newPassword);
        driver.findElement(By.id("password-confirm")).sendKeys(newPassword);
        chromium.shot("new-password");
        driver.findElement(By.id("sspr-set-password")).click();
        chromium.waitFor(By.id("kc-login"));
        String alert = chromium.waitFor(By.cssSelector(".pf-v5-c-alert__title")).getText();
        if (words.changed() != null) {
            assertEquals(words.changed(), alert.strip());
        }
        chromium.shot("password-changed");
        // The new password works (a password grant: the account has no OTP, so no second step).
        assertTrue(!AdminApi.passwordGrant(realm.getName(), user.username(), newPassword)
                .isBlank());
    }
}
