package io.github.sspr.it.registration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new employee signs in to the account console for the first time, in Chromium, and is walked through registering a
 * recovery email, a recovery phone and security questions before getting in. Screenshots of every page are kept. The
 * keyboard is used where a person would use it (typing codes and answers, Enter to submit). The pages carry the
 * policy's branding, and its colour really reaches PatternFly's primary buttons.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class RegistrationJourneyIT {

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    /** The demo realm's policy with security questions allowed too (which takes 2 gates: questions are never alone). */
    private static final Map<String, List<String>> WITH_QUESTIONS = Map.of(
            "methods", List.of("email", "sms", "voice", "questions"),
            "gatesRequired", List.of("2"),
            "questionsToRegister", List.of("3"),
            "questionsToAnswer", List.of("3"),
            "phoneCountries", List.of("US", "DE"),
            "orgName", List.of("SSPR Demo"),
            "primaryColor", List.of("#0b5cad"),
            "helpdeskLink", List.of("mailto:helpdesk@demo.sspr.test"));

    @Test
    void aNewUserRegistersEmailPhoneAndQuestionsAtFirstSignIn() {
        Chromium.requireOrSkip();
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "uma");
        String address = user.username() + ".alt@elsewhere.test";
        try (PolicyFixture policy = PolicyFixture.apply(realm, WITH_QUESTIONS);
                Chromium chromium = Chromium.start("registration")) {
            chromium.walk(() -> {
                chromium.open(AdminApi.BASE + "/realms/" + realm.getName() + "/account");
                chromium.waitFor(By.id("username")).sendKeys(user.username());
                chromium.driver().findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD + Keys.ENTER);

                chromium.waitFor(By.id("sspr-register-form"));
                assertEquals(
                        "Set up password reset",
                        chromium.waitFor(By.id("kc-page-title")).getText());
                assertEquals(
                        "SSPR Demo",
                        chromium.driver().findElement(By.id("sspr-org")).getText());
                assertEquals(
                        "rgba(11, 92, 173, 1)",
                        chromium.driver().findElement(By.id("sspr-done")).getCssValue("background-color"),
                        "the policy's colour on PatternFly's primary button");
                chromium.shot("overview-nothing-registered");
                chromium.driver().findElement(By.id("sspr-done")).click();
                chromium.waitFor(By.id("input-error-methods"));
                chromium.shot("done-refused");

                chromium.driver().findElement(By.id("sspr-add-email")).click();
                int before = mail.getReceivedMessages().length;
                chromium.waitFor(By.id("email")).sendKeys(address + Keys.ENTER);
                chromium.waitFor(By.id("code"));
                chromium.shot("email-code-sent");
                String code = Mails.codeSentTo(mail, address, before, 8);
                chromium.driver().findElement(By.id("code")).sendKeys(RegisterEmailIT.wrong(code) + Keys.ENTER);
                chromium.waitFor(By.id("input-error-code"));
                chromium.shot("email-code-wrong");
                chromium.driver().findElement(By.id("code")).sendKeys(code + Keys.ENTER);
                chromium.waitFor(By.id("sspr-change-email"));
                chromium.shot("email-saved");

                chromium.driver().findElement(By.id("sspr-add-phone")).click();
                chromium.waitFor(By.id("phone")).sendKeys("+1 415 555 0142");
                chromium.shot("phone-entered");
                chromium.driver().findElement(By.id("sspr-send")).click();
                chromium.waitFor(By.id("code"));
                String body = URLDecoder.decode(
                        twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                                .get(0)
                                .getBodyAsString(),
                        StandardCharsets.UTF_8);
                Matcher sms = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
                assertTrue(sms.find(), body);
                chromium.driver().findElement(By.id("code")).sendKeys(sms.group(1) + Keys.ENTER);
                chromium.waitFor(By.id("sspr-change-phone"));
                assertEquals(
                        "+14*******42",
                        chromium.driver().findElement(By.id("sspr-value-phone")).getText());
                chromium.shot("phone-saved");

                chromium.driver().findElement(By.id("sspr-add-questions")).click();
                chromium.waitFor(By.id("sspr-questions-form"));
                chromium.shot("questions-empty");
                // An answer made of the question's words and a too-short one are refused next to their fields.
                answer(chromium, 0, "first-concert", "my first concert");
                answer(chromium, 1, "childhood-best-friend", "ab");
                answer(chromium, 2, "parents-meeting-town", "Lisbon" + Keys.ENTER);
                chromium.waitFor(By.id("input-error-answer-0"));
                assertEquals(
                        "Answers must be 3 to 40 characters long.",
                        chromium.driver()
                                .findElement(By.id("input-error-answer-1"))
                                .getText());
                // A refused answer is never echoed back; an accepted one stays filled in.
                assertFalse(chromium.driver().getPageSource().contains("my first concert"), "refused: not echoed");
                assertEquals(
                        "Lisbon",
                        chromium.driver().findElement(By.id("answer-2")).getDomProperty("value"));
                chromium.shot("questions-refused");
                // The chosen questions are kept; the refused answers are typed again.
                answer(chromium, 0, "first-concert", "Harbour Lights");
                answer(chromium, 1, "childhood-best-friend", "Tobias");
                answer(chromium, 2, "parents-meeting-town", "Lisbon");
                chromium.shot("questions-answered");
                chromium.driver().findElement(By.id("answer-2")).sendKeys(Keys.ENTER);
                chromium.waitFor(By.id("sspr-change-questions"));
                assertEquals(
                        "3 questions answered",
                        chromium.driver()
                                .findElement(By.id("sspr-value-questions"))
                                .getText());
                chromium.shot("questions-saved");

                chromium.driver().findElement(By.id("sspr-done")).click();
                new WebDriverWait(chromium.driver(), Duration.ofSeconds(20))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(d -> d.getCurrentUrl().contains("/realms/demo/account")
                                && !d.getCurrentUrl().contains("login-actions"));
                chromium.waitFor(By.xpath("//*[contains(text(), 'Personal info')]"));
                chromium.shot("signed-in");
            });
        }
    }

    /** Chooses question {@code slot} (by keyboard-reachable select) and types its answer. */
    private static void answer(Chromium chromium, int slot, String questionId, CharSequence answer) {
        new Select(chromium.driver().findElement(By.id("question-" + slot))).selectByValue(questionId);
        var input = chromium.driver().findElement(By.id("answer-" + slot));
        input.clear();
        input.sendKeys(answer);
    }
}
