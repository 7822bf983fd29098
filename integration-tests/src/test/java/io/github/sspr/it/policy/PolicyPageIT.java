package io.github.sspr.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.SsprServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin opens the demo realm's SSPR policy in the admin console (Configure → sspr-policy), tries a bad primary
 * colour and is told which field is wrong, then saves a good one, which the effective policy then shows. Screenshots
 * of each step are kept.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class PolicyPageIT {

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void anAdminEditsThePolicyInTheAdminConsole() {
        Chromium.requireOrSkip();
        try (Chromium chromium = Chromium.start("policy-page")) {
            chromium.walk(() -> walk(chromium));
        }
        AdminApi api = new AdminApi(admin.tokenManager().getAccessTokenString());
        AdminApi.Response policy = api.get("/admin/realms/" + realm.getName() + "/sspr/policy");
        assertEquals(200, policy.status(), policy.body());
        assertEquals(
                "#aa3300", policy.json().path("branding").path("primaryColor").asText());
    }

    private void walk(Chromium chromium) {
        String page = AdminApi.BASE + "/admin/master/console/#/" + realm.getName() + "/page-section/sspr-policy";
        chromium.open(page);
        chromium.waitFor(By.id("username")).sendKeys("admin");
        chromium.driver().findElement(By.id("password")).sendKeys("admin");
        chromium.shot("admin-login");
        chromium.driver().findElement(By.cssSelector("[type=submit]")).click();
        // Signed in; go (back) to the demo realm's page whatever the console's landing page was.
        chromium.waitFor(By.cssSelector("nav"));
        chromium.open(page);

        // The page is in the left navigation under Configure, titled from our message bundle, and lists the realm's
        // one policy.
        WebElement nav =
                chromium.waitFor(By.cssSelector("nav a[href$='/" + realm.getName() + "/page-section/sspr-policy']"));
        // The console first shows the provider id and retitles the entry once it has loaded the realm's messages
        // (ours included): wait, bounded, for the translated title.
        new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver(), java.time.Duration.ofSeconds(15))
                .until(d -> "Password reset policy".equals(nav.getText()));
        assertEquals("Password reset policy", nav.getText());
        WebElement row = chromium.waitFor(By.linkText("all"));
        chromium.shot("policy-list");
        row.click();

        WebElement colour = chromium.waitFor(field("primaryColor"));
        assertEquals("#0b5cad", colour.getAttribute("value"));
        WebElement org = chromium.driver().findElement(field("orgName"));
        assertEquals("SSPR Demo", org.getAttribute("value"));
        chromium.shot("policy-page-top");
        scrollTo(chromium, colour);
        chromium.shot("policy-page-branding");

        replace(colour, "blue");
        save(chromium);
        String refused = alertText(chromium);
        assertTrue(refused.contains("primaryColor: must be a colour as #rrggbb"), refused);
        chromium.shot("bad-colour-refused");
        closeAlerts(chromium);

        replace(colour, "#aa3300");
        save(chromium);
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".pf-v5-c-alert__title")).stream()
                        .anyMatch(a -> a.getText().toLowerCase().contains("saved")));
        chromium.shot("good-colour-saved");
    }

    /** A text field of the generated form (react-hook-form names it config.<key>). */
    private static By field(String key) {
        return By.cssSelector("input[name='config." + key + "'], input[data-testid='" + key + "']");
    }

    private static void replace(WebElement input, String value) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        input.sendKeys(Keys.DELETE);
        input.sendKeys(value);
    }

    private static void save(Chromium chromium) {
        WebElement save = chromium.driver().findElement(By.cssSelector("[data-testid=save]"));
        scrollTo(chromium, save);
        save.click();
    }

    private static String alertText(Chromium chromium) {
        return new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".pf-v5-c-alert")).stream()
                        .map(WebElement::getText)
                        .filter(t -> t.contains("primaryColor"))
                        .findFirst()
                        .orElse(null));
    }

    private static void closeAlerts(Chromium chromium) {
        for (WebElement close : chromium.driver().findElements(By.cssSelector(".pf-v5-c-alert__action button"))) {
            close.click();
        }
    }

    private static void scrollTo(Chromium chromium, WebElement element) {
        ((JavascriptExecutor) chromium.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }
}
