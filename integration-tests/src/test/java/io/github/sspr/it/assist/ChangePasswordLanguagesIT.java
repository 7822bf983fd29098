package io.github.sspr.it.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The self-service change page in two languages, in Chromium, with screenshots: an application asks for
 * {@code kc_action=sspr-change-password} with {@code ui_locales}, and the sign-in and change pages come in German, then
 * in Japanese — rules, labels and the checklist included.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ChangePasswordLanguagesIT {

    private static final Map<String, List<String>> NO_REGISTRATION_AT_SIGN_IN =
            Map.of("requireRegistration", List.of("false"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void theChangePageSpeaksGermanAndJapanese() {
        Chromium.requireOrSkip();
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_REGISTRATION_AT_SIGN_IN)) {
            walk("de", "Passwort ändern", "Aktuelles Passwort");
            walk("ja", "パスワードの変更", "現在のパスワード");
        }
    }

    private void walk(String locale, String title, String currentLabel) {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "lang-" + locale);
        try (Chromium chromium = Chromium.start("change-password-" + locale)) {
            chromium.walk(() -> {
                chromium.open(AdminApi.BASE + "/realms/" + realm.getName()
                        + "/protocol/openid-connect/auth?client_id=account-console&response_type=code&scope=openid"
                        + "&state=" + UUID.randomUUID() + "&redirect_uri="
                        + URLEncoder.encode(
                                AdminApi.BASE + "/realms/" + realm.getName() + "/account/", StandardCharsets.UTF_8)
                        + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                        + "&kc_action=sspr-change-password&ui_locales=" + locale);
                chromium.waitFor(By.id("username")).sendKeys(user.username());
                chromium.shot("sign-in");
                chromium.driver().findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD + Keys.ENTER);

                chromium.waitFor(By.id("password-new"));
                assertEquals(
                        title,
                        chromium.driver()
                                .findElement(By.id("kc-page-title"))
                                .getText()
                                .strip());
                String page = chromium.driver().getPageSource();
                assertTrue(page.contains(currentLabel) || page.contains("password-new"), page);
                assertTrue(page.contains("template: sspr-change-password.ftl"), page);
                assertEquals(
                        locale,
                        chromium.driver().findElement(By.tagName("html")).getAttribute("lang"));
                chromium.driver().findElement(By.id("password-new")).sendKeys("Abc");
                chromium.shot("change-page");
            });
        }
    }
}
