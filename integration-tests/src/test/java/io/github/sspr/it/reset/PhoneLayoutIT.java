package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * On a 390 x 844 phone screen, with a long username and a long recovery address, no SSPR page scrolls sideways or
 * cuts text: identify, choose, code, phone, questions, new password, the registration pages and the password change
 * page. Screenshots under {@code target/it-artifacts/screenshots/phone-layout/}.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class PhoneLayoutIT {

    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    /** Pages that did not fit, collected so one run reports every page. */
    private final List<String> problems = new ArrayList<>();

    @Test
    void everySsprPageFitsAPhoneScreen() {
        Chromium.requireOrSkip();
        TwilioFake.acceptAll(twilio);
        String phone = UsedSecrets.addPhone("+14155550177");
        // The recovery address is "<username>.alt@elsewhere.test": over 31 characters masked.
        ResetUsers.Created user = ResetUsers.create(
                realm.admin(), "phone-layout-long-name", true, phone, List.of(ResetUsers.davesQuestions()));
        assertTrue(user.recoveryEmail().length() > 31, user.recoveryEmail());
        try (PolicyFixture policy = PolicyFixture.apply(
                realm,
                Map.of(
                        "methods", List.of("email", "sms", "voice", "questions"),
                        "gatesRequired", List.of("2"),
                        "questionsToRegister", List.of("3"),
                        "questionsToAnswer", List.of("3"),
                        "confirmPhoneNumber", List.of("true"),
                        "orgName", List.of("SSPR Demo Corporation International"),
                        "helpdeskLink", List.of("mailto:helpdesk@demo.sspr.test")))) {
            try (Chromium chromium = Chromium.start("phone-layout")) {
                chromium.viewport(WIDTH, HEIGHT);
                chromium.walk(() -> reset(chromium, user));
            }
            try (Chromium chromium = Chromium.start("phone-layout-registration")) {
                chromium.viewport(WIDTH, HEIGHT);
                chromium.walk(() -> registration(chromium, user));
            }
        }
        assertEquals(List.of(), problems);
    }

    private void reset(Chromium chromium, ResetUsers.Created user) {
        WebDriver driver = chromium.driver();
        chromium.open(AdminApi.BASE + "/realms/" + realm.getName() + "/account");
        chromium.waitFor(By.id("kc-login"));
        check(chromium, "sign-in");
        driver.findElement(By.linkText("Forgot Password?")).click();
        chromium.waitFor(By.id("sspr-identify-form"));
        driver.findElement(By.id("username")).sendKeys(user.username());
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(By.id("sspr-identify-submit")));
        check(chromium, "identify");
        driver.findElement(By.id("sspr-identify-submit")).click();

        chromium.waitFor(By.id("sspr-choose-form"));
        check(chromium, "choose");
        int before = mail.getReceivedMessages().length;
        driver.findElement(By.id("sspr-choose-email")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        check(chromium, "code");
        String code = UsedSecrets.add(Mails.codeSentTo(mail, user.recoveryEmail(), before, 8));
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("sspr-verify")).click();

        chromium.waitFor(By.id("sspr-progress"));
        check(chromium, "choose-gate-2");
        driver.findElement(By.id("sspr-choose-questions")).click();
        chromium.waitFor(By.id("sspr-questions-form"));
        check(chromium, "questions");
        driver.findElement(By.id("sspr-other")).click();

        chromium.waitFor(By.id("sspr-choose-form"));
        driver.findElement(By.id("sspr-choose-sms")).click();
        chromium.waitFor(By.id("sspr-phone-form"));
        check(chromium, "phone");
        driver.findElement(By.id("phone")).sendKeys(user.phone());
        driver.findElement(By.id("sspr-confirm-phone")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        String sms = UsedSecrets.add(
                TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), user.phone(), 1), 6));
        driver.findElement(By.id("code")).sendKeys(sms);
        check(chromium, "sms-code");
        driver.findElement(By.id("sspr-verify")).click();

        chromium.waitFor(By.id("password-new"));
        check(chromium, "new-password");
    }

    private void registration(Chromium chromium, ResetUsers.Created user) {
        WebDriver driver = chromium.driver();
        chromium.open(LoginBrowser.authUrl(realm.getName(), "sspr-register"));
        chromium.waitFor(By.id("kc-login"));
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(ResetUsers.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        chromium.waitFor(By.id("sspr-register-form"));
        check(chromium, "register");

        driver.findElement(By.id("sspr-change-email")).click();
        chromium.waitFor(By.id("sspr-email-form"));
        check(chromium, "register-email");
        String address = "another-long-recovery-" + user.username() + "@elsewhere.test";
        driver.findElement(By.id("email")).clear();
        driver.findElement(By.id("email")).sendKeys(address);
        driver.findElement(By.id("sspr-send")).click();
        chromium.waitFor(By.id("sspr-code-form"));
        check(chromium, "register-code");
        driver.findElement(By.id("sspr-back")).click();

        chromium.waitFor(By.id("sspr-register-form"));
        driver.findElement(By.id("sspr-change-phone")).click();
        chromium.waitFor(By.id("sspr-phone-form"));
        check(chromium, "register-phone");
        driver.findElement(By.id("sspr-back")).click();

        chromium.waitFor(By.id("sspr-register-form"));
        driver.findElement(By.id("sspr-change-questions")).click();
        chromium.waitFor(By.id("sspr-questions-form"));
        check(chromium, "register-questions");
        driver.findElement(By.id("sspr-save")).click();
        chromium.waitFor(By.id("sspr-questions-form"));
        check(chromium, "register-questions-errors");

        // Registration was left unfinished, so there is no session yet: sign in again, asking for the change page.
        chromium.open(LoginBrowser.authUrl(realm.getName(), "sspr-change-password"));
        chromium.waitFor(By.id("kc-login"));
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(ResetUsers.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        chromium.waitFor(By.id("sspr-password-form"));
        check(chromium, "change-password");
    }

    private void check(Chromium chromium, String page) {
        chromium.shot(page);
        List<String> overflow = chromium.overflow(WIDTH);
        if (!overflow.isEmpty()) {
            problems.add(page + ": " + overflow);
        }
    }
}
