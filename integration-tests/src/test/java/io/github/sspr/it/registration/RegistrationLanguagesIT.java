package io.github.sspr.it.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The registration pages in the language the user picks on the page ({@code kc_locale}), as Keycloak chooses it: the
 * SSPR texts from the providers' bundle, the predefined security questions, and Keycloak's own texts around them.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class RegistrationLanguagesIT {

    /** Two gates so that security questions may be offered (never the only gate). */
    private static final Map<String, List<String>> WITH_QUESTIONS = Map.of(
            "methods", List.of("email", "sms", "voice", "questions"),
            "gatesRequired", List.of("2"),
            "questionsToRegister", List.of("3"),
            "questionsToAnswer", List.of("3"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void germanOverviewAndQuestions() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "lena");
        try (PolicyFixture policy = PolicyFixture.apply(realm, WITH_QUESTIONS);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            assertEquals("Set up password reset", browser.title(), "English before the user picks a language");

            browser.language("de");
            assertEquals("Zurücksetzen des Passworts einrichten", browser.title(), browser.html());
            assertEquals("Ihre Methoden", browser.text("sspr-methods-title"));
            assertEquals("Nicht eingerichtet", browser.text("sspr-value-questions"));

            browser.click("sspr-add-questions");
            assertEquals("Sicherheitsfragen", browser.title());
            assertTrue(
                    browser.html().contains("Was war das erste Konzert, das Sie besucht haben?"),
                    "the predefined questions are offered in German");
            assertTrue(browser.html().contains("lang=\"de\""), "Keycloak marks the page as German");
        }
    }

    @Test
    void japaneseOverviewAndQuestions() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "yuki");
        try (PolicyFixture policy = PolicyFixture.apply(realm, WITH_QUESTIONS);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");

            browser.language("ja");
            assertEquals("パスワードリセットの設定", browser.title(), browser.html());
            assertEquals("登録済みの方法", browser.text("sspr-methods-title"));

            browser.click("sspr-add-questions");
            assertEquals("秘密の質問", browser.title());
            assertTrue(browser.html().contains("初めて行ったコンサートは何ですか？"), "questions in Japanese");
            assertEquals("戻る", browser.text("sspr-back"));
        }
    }
}
