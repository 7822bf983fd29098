package io.github.sspr.it.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.ResetUsers.Recovery;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.UsedSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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
 * its reason filter, how many passwords expire within 7 and 30 days, the policy editor showing a stricter draft's
 * impact before it saves ("Save anyway"), and the risky recovery data, each kind from a seeded user.
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
        ResetUsers.create(realm.admin(), "one-gate", true, null);
        // Passwords expire 5 days after they are set: every password of the realm is in the 7-day outlook.
        RealmRepresentation rep = realm.admin().toRepresentation();
        String originalPasswordPolicy = rep.getPasswordPolicy();
        rep.setPasswordPolicy(originalPasswordPolicy + " and forceExpiredPasswordChange(5)");
        realm.admin().update(rep);

        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT);
                Chromium chromium = Chromium.start("insight-dashboard")) {
            chromium.walk(() -> {
                signIn(chromium, admin);

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

    /**
     * Each kind of risky recovery data (docs/insight.md, "Recovery-data quality") from a user seeded with it, computed
     * with the panel's button on a real Keycloak; a user with sound recovery data is in none of them.
     */
    @Test
    void eachRiskyRecoveryFindingComesFromItsSeededCaseAndNoneFromACleanUser() {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        DemoUsers.Created admin = DemoUsers.create(realm.admin(), "quality");
        RealmManagementRoles.grant(
                realm.admin(), admin.id(), "view-events", "view-users", "view-realm", "manage-realm");
        Function<String, String> elsewhere = name -> name + ".alt@elsewhere.test";
        long longAgo = System.currentTimeMillis() - Duration.ofDays(200).toMillis(); // re-confirmation: 180 days
        Map<String, List<String>> seeded = new LinkedHashMap<>();
        String sharedPhone = UsedSecrets.addPhone("+14155550188");
        String sharedMailbox = "family-" + UUID.randomUUID().toString().substring(0, 6) + "@elsewhere.test";
        for (int i = 0; i < 3; i++) {
            seed(seeded, "shared-phone", "q-phone", new Recovery(elsewhere, sharedPhone, "US", 0));
            // One mailbox however it is written: the second holder's in capitals.
            String mailbox = i == 1 ? sharedMailbox.toUpperCase(Locale.ROOT) : sharedMailbox;
            seed(seeded, "shared-recovery-email", "q-mailbox", new Recovery(name -> mailbox, null, "US", 0));
        }
        seed(
                seeded,
                "recovery-email-is-account-email",
                "q-same",
                new Recovery(name -> name + "@demo.sspr.test", null, "US", 0));
        seed(
                seeded,
                "recovery-email-on-account-domain",
                "q-domain",
                new Recovery(name -> name + ".private@demo.sspr.test", null, "US", 0));
        seed(seeded, "not-reconfirmed", "q-old", new Recovery(elsewhere, null, "US", longAgo));
        seed(seeded, "phone-invalid", "q-invalid", new Recovery(elsewhere, UsedSecrets.addPhone("+1555"), "US", 0));
        seed(
                seeded,
                "phone-premium-rate",
                "q-premium",
                new Recovery(elsewhere, UsedSecrets.addPhone("+449098790000"), "GB", 0));
        seed(
                seeded,
                "phone-country-not-allowed",
                "q-abroad",
                new Recovery(elsewhere, UsedSecrets.addPhone("+33612345678"), "FR", 0));
        // Only a phone in a country the policy does not allow: nothing left to reset with.
        seed(
                seeded,
                "only-methods-blocked",
                "q-blocked",
                new Recovery(name -> null, UsedSecrets.addPhone("+33612345679"), "FR", 0));
        String clean = ResetUsers.create(
                        realm.admin(),
                        "q-clean",
                        new Recovery(elsewhere, UsedSecrets.addPhone("+14155550189"), "US", 0),
                        List.of())
                .username();
        Map<String, List<String>> policy = new HashMap<>(NO_PROMPT);
        policy.put("phoneCountries", List.of("US"));

        try (PolicyFixture fixture = PolicyFixture.apply(realm, policy);
                Chromium chromium = Chromium.start("insight-findings")) {
            chromium.walk(() -> {
                signIn(chromium, admin);
                until(chromium, d -> d.findElement(By.id("quality-run")).isDisplayed());
                chromium.driver().findElement(By.id("quality-run")).click();
                until(
                        chromium,
                        d -> !d.findElements(By.cssSelector("#quality-list li[data-kind='only-methods-blocked']"))
                                .isEmpty());
                for (Map.Entry<String, List<String>> kind : seeded.entrySet()) {
                    WebElement item = chromium.driver()
                            .findElement(By.cssSelector("#quality-list li[data-kind='" + kind.getKey() + "']"));
                    assertTrue(
                            Integer.parseInt(item.getAttribute("data-count"))
                                    >= kind.getValue().size(),
                            item.getText());
                    for (String name : kind.getValue()) {
                        assertTrue(
                                item.getText().contains(name),
                                kind.getKey() + " names " + name + ": " + item.getText());
                    }
                    assertFalse(item.getText().contains(clean), item.getText());
                }
                WebElement panel = chromium.driver().findElement(By.id("quality-info"));
                // The panel's heading above its first line in the picture.
                ((JavascriptExecutor) chromium.driver())
                        .executeScript("arguments[0].scrollIntoView(); window.scrollBy(0, -60)", panel);
                chromium.shot("risky-recovery-data");
            });
        }
        // What the panel showed is what is stored: the clean user in no finding, no number in it.
        AdminApi api = new AdminApi(AdminApi.passwordGrant(realm.getName(), admin.username(), DemoUsers.PASSWORD));
        AdminApi.Response stored = api.get("/admin/realms/" + realm.getName() + "/sspr/recovery-findings");
        assertEquals(200, stored.status(), stored.body());
        assertEquals(9, stored.json().path("findings").size(), stored.body());
        for (var finding : stored.json().path("findings")) {
            finding.path("users").forEach(user -> assertFalse(clean.equals(user.asText()), finding.toString()));
        }
        assertFalse(stored.body().contains(sharedPhone.substring(1)), "the stored findings never hold a number");
    }

    private void seed(Map<String, List<String>> seeded, String kind, String prefix, Recovery recovery) {
        seeded.computeIfAbsent(kind, k -> new ArrayList<>())
                .add(ResetUsers.create(realm.admin(), prefix, recovery, List.of())
                        .username());
    }

    private void signIn(Chromium chromium, DemoUsers.Created admin) {
        chromium.open(AdminApi.BASE + "/realms/" + realm.getName() + "/sspr-dashboard/");
        chromium.waitFor(By.id("username")).sendKeys(admin.username());
        chromium.driver().findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD + Keys.ENTER);
        until(chromium, d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
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
