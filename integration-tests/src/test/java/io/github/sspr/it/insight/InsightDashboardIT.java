package io.github.sspr.it.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.SsprServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's insight panels in Chromium (docs/insight.md), with screenshots: the "Who cannot reset" list with
 * its reason filter, how many passwords expire within 7 and 30 days, and the policy editor showing a stricter draft's impact before it saves ("Save anyway").
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class InsightDashboardIT {

    /** Without the sign-in registration prompt: the admin is privileged and has registered nothing. */
    private static final Map<String, List<String>> NO_PROMPT = Map.of(
            "methods", List.of("email", "sms", "voice"),
            "gatesRequired", List.of("1"),
            "requireRegistration", List.of("false"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void theAdminSeesWhoCannotResetAndAStricterDraftsImpactBeforeSaving() {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        DemoUsers.Created admin = DemoUsers.create(realm.admin(), "insight");
        RealmManagementRoles.grant(
                realm.admin(), admin.id(), "view-events", "view-users", "view-realm", "manage-realm");
        DemoUsers.Created lost = DemoUsers.create(realm.admin(), "lost");
        // One recovery email: ready with one gate, not with two.
        io.github.sspr.it.support.ResetUsers.create(realm.admin(), "one-gate", true, null);
        // Passwords expire 5 days after they are set: every password of the realm is in the 7-day outlook.
        RealmRepresentation rep = realm.admin().toRepresentation();
        String originalPasswordPolicy = rep.getPasswordPolicy();
        rep.setPasswordPolicy(originalPasswordPolicy + " and forceExpiredPasswordChange(5)");
        realm.admin().update(rep);

        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT);
                Chromium chromium = Chromium.start("insight-dashboard")) {
            chromium.walk(() -> {
                chromium.open(AdminApi.BASE + "/realms/" + realm.getName() + "/sspr-dashboard/");
                chromium.waitFor(By.id("username")).sendKeys(admin.username());
                chromium.driver().findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD + Keys.ENTER);
                until(
                        chromium,
                        d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));

                // The user with nothing registered is listed with the reason, as text; the counts are above.
                WebElement panel = chromium.driver().findElement(By.id("not-ready"));
                assertTrue(panel.isDisplayed(), "the panel shows for view-users");
                WebElement row = chromium.driver()
                        .findElement(By.cssSelector("#nr-rows tr[data-user='" + lost.username() + "']"));
                assertEquals("no-method", row.getAttribute("data-reason"));
                assertTrue(row.getText().contains("No method registered"), row.getText());
                int notReady = Integer.parseInt(
                        chromium.driver().findElement(By.id("nr-summary")).getAttribute("data-not-ready"));
                assertTrue(notReady >= 1, "counted");
                ((JavascriptExecutor) chromium.driver()).executeScript("arguments[0].scrollIntoView()", panel);
                chromium.shot("not-ready");

                // How many passwords expire soon: at least the users made above, within 7 days and so within 30.
                WebElement within7 = chromium.driver().findElement(By.id("expiry-within7"));
                int soon = Integer.parseInt(within7.getAttribute("data-count"));
                assertTrue(soon >= 3, within7.getText());
                assertTrue(within7.getText().contains("Expire within 7 days"), within7.getText());
                assertTrue(
                        Integer.parseInt(chromium.driver()
                                        .findElement(By.id("expiry-within30"))
                                        .getAttribute("data-count"))
                                >= soon,
                        "the 30 days include the 7");
                ((JavascriptExecutor) chromium.driver()).executeScript("arguments[0].scrollIntoView()", within7);
                chromium.shot("expiry-outlook");

                // Filtered to another reason, the user is gone.
                new Select(chromium.driver().findElement(By.id("nr-reason"))).selectByValue("too-few-factors");
                chromium.driver().findElement(By.id("nr-apply")).click();
                until(
                        chromium,
                        d -> d.findElements(By.cssSelector("#nr-rows tr[data-user='" + lost.username() + "']"))
                                .isEmpty());

                // The policy editor: two gates would leave one-method users unable to reset; Save shows it first.
                chromium.driver().findElement(By.id("tab-policy")).click();
                WebElement gates = chromium.waitFor(By.id("p-gatesRequired"));
                until(chromium, d -> d.findElement(By.id("p-gatesRequired")).isDisplayed());
                new Select(gates).selectByValue("2");
                WebElement save = chromium.driver().findElement(By.id("policy-save"));
                save.click();
                until(chromium, d -> d.findElement(By.id("policy-impact")).isDisplayed());
                WebElement unable = chromium.driver()
                        .findElement(By.cssSelector("#policy-impact li[data-effect='unable-to-reset']"));
                assertTrue(Integer.parseInt(unable.getAttribute("data-count")) >= 1, unable.getText());
                assertEquals("Save anyway", save.getText());
                ((JavascriptExecutor) chromium.driver())
                        .executeScript(
                                "arguments[0].scrollIntoView()",
                                chromium.driver().findElement(By.id("policy-impact")));
                chromium.shot("impact-before-save");
                save.click();
                until(
                        chromium,
                        d -> "Saved."
                                .equals(d.findElement(By.id("policy-status")).getText()));
                chromium.shot("saved-anyway");
            });
        } finally {
            RealmRepresentation restored = realm.admin().toRepresentation();
            restored.setPasswordPolicy(originalPasswordPolicy);
            realm.admin().update(restored);
        }
    }

    private static void until(Chromium chromium, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition::apply);
    }

    /** The export names realm "demo" in the client's URLs; a managed realm of another name gets them adjusted. */
    private void matchClientToRealmName() {
        ClientRepresentation client =
                realm.admin().clients().findByClientId("sspr-dashboard").get(0);
        String path = "/realms/" + realm.getName() + "/sspr-dashboard/";
        if (!path.equals(client.getBaseUrl())) {
            client.setBaseUrl(path);
            client.setRedirectUris(List.of(path + "*"));
            realm.admin().clients().get(client.getId()).update(client);
        }
    }
}
