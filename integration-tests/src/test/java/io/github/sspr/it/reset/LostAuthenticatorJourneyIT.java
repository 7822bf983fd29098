package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.Passkeys;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * A person who lost their phone recovers in Chromium, in English and in German (docs/reset.md, "Lost authenticator"):
 * the identify page's link, an emailed and a texted code, the pick of the lost app, the sign-in page's message, and at
 * the next sign-in with the unchanged password Keycloak's own Configure OTP page. Screenshots of every step are kept
 * under target/screenshots.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class LostAuthenticatorJourneyIT {

    private static final Map<String, List<String>> FACTORS = Map.of(
            "methods", List.of("email", "sms", "voice", "otp", "recovery-codes"), "orgName", List.of("SSPR Demo"));

    private static final Map<String, List<String>> WITH_PASSKEYS = Map.of(
            "methods",
            List.of("email", "sms", "voice", "passkey", "otp", "recovery-codes"),
            "orgName",
            List.of("SSPR Demo"));

    /** Per language: the link, the page title of the pick, the sign-in page's message. */
    private static final Map<String, List<String>> WORDS = Map.of(
            "en",
                    List.of(
                            "I lost my authenticator app or security key",
                            "Which authenticator did you lose?",
                            "The lost authenticator was removed."),
            "de",
                    List.of(
                            "Ich habe meine Authenticator-App oder meinen Sicherheitsschlüssel verloren",
                            "Welchen Authentifikator haben Sie verloren?",
                            "Der verlorene Authentifikator wurde entfernt."));

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void inEnglish() {
        recover("en");
    }

    @Test
    void inGerman() {
        recover("de");
    }

    @Test
    void aLostPasskeyInEnglish() {
        recoverPasskey("en");
    }

    @Test
    void aLostPasskeyInGerman() {
        recoverPasskey("de");
    }

    private static String freshPhone() {
        String phone =
                "+1415556" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        UsedSecrets.addPhone(phone);
        return phone;
    }

    /** A person who lost their phone removes the app and is asked for a new one, in {@code language}. */
    private void recover(String language) {
        Chromium.requireOrSkip();
        TwilioFake.acceptAll(twilio);
        String phone = freshPhone();
        ResetUsers.Created user = ResetUsers.create(
                realm.admin(), "lost" + language, true, phone, List.of(ResetUsers.totp("sspr-journey-" + language)));
        List<String> words = WORDS.get(language);
        try (PolicyFixture policy = PolicyFixture.apply(realm, FACTORS);
                Chromium chromium = Chromium.start("lost-authenticator-" + language)) {
            chromium.walk(() -> {
                walkToThePick(chromium, language, user, phone, words, "otp");
                // The password is unchanged; Keycloak itself asks for a new app right after it.
                pickAndSignInAgain(chromium, user, words, By.id("kc-totp-settings-form"), "configure-new-app");
            });
        }
        assertGone(user, "otp");
    }

    /**
     * A person enrols a passkey through Keycloak (a virtual authenticator in Chromium), loses it (the authenticator is
     * removed from the browser), recovers through the mailbox and the phone, picks the passkey, and at the next
     * sign-in with the unchanged password meets Keycloak's own WebAuthn Register page again.
     */
    private void recoverPasskey(String language) {
        Chromium.requireOrSkip();
        TwilioFake.acceptAll(twilio);
        String phone = freshPhone();
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "lostkey" + language, true, phone);
        Passkeys.requireEnrolment(realm.admin(), user.id(), Passkeys.REGISTER);
        List<String> words = WORDS.get(language);
        try (PolicyFixture policy = PolicyFixture.apply(realm, WITH_PASSKEYS);
                Chromium chromium = Chromium.start("lost-passkey-" + language)) {
            VirtualAuthenticator authenticator = Passkeys.attach(chromium);
            chromium.walk(() -> {
                WebDriver driver = chromium.driver();
                Passkeys.enrolAtSignIn(
                        chromium,
                        realm.admin(),
                        realm.getName(),
                        user.id(),
                        user.username(),
                        ResetUsers.PASSWORD,
                        language,
                        "Lost key");
                // The key is lost: the browser no longer has it, and the session it signed is gone.
                ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
                driver.manage().deleteAllCookies();

                walkToThePick(chromium, language, user, phone, words, "passkey");
                assertTrue(
                        driver.findElement(By.id("sspr-factor-0")).getText().contains("Lost key"),
                        "the key is listed by its label: "
                                + driver.findElement(By.id("sspr-factor-0")).getText());
                // The password is unchanged; Keycloak's own WebAuthn Register asks for a new key right after it.
                pickAndSignInAgain(chromium, user, words, By.id("registerWebAuthn"), "register-new-key");
            });
        }
        assertGone(user, "webauthn");
    }

    /**
     * Picks the first listed credential, lands signed out on the sign-in page with the removal's message, signs in
     * with the unchanged password and meets {@code keycloaksPage} (Keycloak's own re-enrolment).
     */
    private static void pickAndSignInAgain(
            Chromium chromium, ResetUsers.Created user, List<String> words, By keycloaksPage, String shot) {
        WebDriver driver = chromium.driver();
        driver.findElement(By.id("sspr-factor-0")).click();
        chromium.waitFor(By.id("kc-login"));
        String alert = chromium.waitFor(By.cssSelector(".pf-v5-c-alert__title")).getText();
        assertTrue(alert.strip().startsWith(words.get(2)), alert);
        chromium.shot("signed-out-with-message");
        signIn(driver, user);
        chromium.waitFor(keycloaksPage);
        chromium.shot(shot);
    }

    private void assertGone(ResetUsers.Created user, String type) {
        assertFalse(
                realm.admin().users().get(user.id()).credentials().stream().anyMatch(c -> type.equals(c.getType())),
                "the lost " + type + " credential is gone");
    }

    private static void signIn(WebDriver driver, ResetUsers.Created user) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(ResetUsers.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * From the sign-in page through the identify page's link, an emailed and a texted code, to the pick of the lost
     * authenticator; {@code lostKind} ("otp", "passkey") is never offered as a gate.
     */
    private void walkToThePick(
            Chromium chromium,
            String language,
            ResetUsers.Created user,
            String phone,
            List<String> words,
            String lostKind) {
        WebDriver driver = chromium.driver();
        chromium.open(LoginBrowser.authUrl(realm.getName(), null) + "&ui_locales=" + language);
        chromium.waitFor(By.id("kc-login"));
        driver.findElement(By.cssSelector("a[href*=reset-credentials]")).click();
        chromium.waitFor(By.id("sspr-identify-form"));
        assertEquals(
                words.get(0),
                chromium.waitFor(By.id("sspr-lost-factor-link")).getText().strip());
        chromium.shot("identify-with-link");
        driver.findElement(By.id("sspr-lost-factor-link")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("sspr-mode-factor")));
        assertTrue(driver.findElements(By.id("sspr-lost-factor-link")).isEmpty(), "in that mode already");
        driver.findElement(By.id("username")).sendKeys(user.username());
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(By.id("sspr-identify-submit")));
        chromium.shot("identify-lost-authenticator");
        driver.findElement(By.id("sspr-identify-submit")).click();

        chromium.waitFor(By.id("sspr-choose-form"));
        assertTrue(driver.findElements(By.id("sspr-choose-" + lostKind)).isEmpty(), "never the lost kind");
        chromium.shot("choose-gate-1");
        Set<String> seen = Mails.seen(mail);
        driver.findElement(By.id("sspr-choose-email")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        driver.findElement(By.id("code")).sendKeys(UsedSecrets.add(Mails.codeTo(mail, user.recoveryEmail(), seen, 8)));
        chromium.shot("email-code");
        driver.findElement(By.id("sspr-verify")).click();

        chromium.waitFor(By.id("sspr-choose-sms"));
        chromium.shot("choose-gate-2");
        driver.findElement(By.id("sspr-choose-sms")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        driver.findElement(By.id("code"))
                .sendKeys(UsedSecrets.add(
                        TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 1), 6)));
        chromium.shot("sms-code");
        driver.findElement(By.id("sspr-verify")).click();

        chromium.waitFor(By.id("sspr-lost-factor-form"));
        assertEquals(
                words.get(1),
                driver.findElement(By.id("kc-page-title")).getText().strip());
        chromium.shot("pick-lost-authenticator");
    }
}
