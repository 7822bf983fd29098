package io.github.sspr.it.throttle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
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
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium, a phone whose texts are used up for the day is greyed out on the chooser with its reason and the wait
 * in words, before any click, in English and in German (docs/throttles.md, "What the user sees"). Screenshots under
 * {@code target/it-artifacts/screenshots/capped-phone-<lang>/}.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class CappedPhoneIT {

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void aPhoneAtTheDailyTextCapIsGreyedOutWithItsReasonInEnglishAndGerman() {
        Chromium.requireOrSkip();
        TwilioFake.acceptAll(twilio);
        ResetUsers.Created filler =
                ResetUsers.create(realm.admin(), "cap-filler", false, UsedSecrets.addPhone("+14155550166"));
        ResetUsers.Created user =
                ResetUsers.create(realm.admin(), "capped", false, UsedSecrets.addPhone("+14155550167"));
        try (PolicyFixture ignored = PolicyFixture.apply(realm, Map.of("realmTextsLimit", List.of("1")))) {
            // Uses up the day's one text (or finds it used up already by the suite).
            new ResetClient(realm.getName())
                    .openReset()
                    .identify(filler.username(), null)
                    .action("choose", "method", "sms");

            chooser(
                    user,
                    "en",
                    "Not available: we cannot send more messages there now\\. Try again in \\d+ (seconds?|minutes?|hours?)\\.");
            chooser(
                    user,
                    "de",
                    "Nicht verfügbar: Dorthin können wir gerade keine weiteren Nachrichten senden\\. Versuchen Sie es in"
                            + " \\d+ (Sekunden?|Minuten?|Stunden?) erneut\\.");
        }
        assertTrue(TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), user.phone())
                .isEmpty());
    }

    private void chooser(ResetUsers.Created user, String language, String expected) {
        try (Chromium chromium = Chromium.start("capped-phone-" + language)) {
            chromium.walk(() -> {
                WebDriver driver = chromium.driver();
                chromium.open(LoginBrowser.authUrl(realm.getName(), null) + "&ui_locales=" + language);
                chromium.waitFor(By.id("kc-login"));
                driver.findElement(By.cssSelector("a[href*=reset-credentials]")).click();
                chromium.waitFor(By.id("sspr-identify-form"));
                driver.findElement(By.id("username")).sendKeys(user.username());
                new WebDriverWait(driver, Duration.ofSeconds(60))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(ExpectedConditions.elementToBeClickable(By.id("sspr-identify-submit")));
                driver.findElement(By.id("sspr-identify-submit")).click();

                chromium.waitFor(By.id("sspr-choose-form"));
                chromium.shot("chooser");
                String reason = chromium.waitFor(By.id("sspr-blocked-sms")).getText();
                assertTrue(reason.matches(expected), reason);
                assertFalse(driver.findElement(By.id("sspr-choose-sms")).isEnabled(), "greyed out");
                assertTrue(driver.findElement(By.id("sspr-choose-voice")).isEnabled(), "calls count apart");
            });
        }
    }
}
