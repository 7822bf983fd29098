package io.github.sspr.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.StandaloneKeycloak;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The policy on a stock Keycloak: only our JAR, {@code kc.sh build} with no feature flag (so no admin-console page for
 * the policy). The demo realm export imports; the SSPR dashboard's editor API changes the policy and the reset flow
 * follows it at once; a realm export with an invalid policy is refused with a 400 naming the field, and the server logs
 * no ERROR for it. The editor itself is walked in Chromium (screenshots under it-artifacts/screenshots).
 */
@ExtendWith(DemoDirectory.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StockKeycloakPolicyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = StandaloneKeycloak.BASE;
    private static final String POLICY_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";
    private static final String REALM_ADMIN = "itadmin";
    private static final String REALM_ADMIN_PASSWORD = "Realm-Adm1n-Passw0rd!";

    private static StandaloneKeycloak keycloak;
    private static AdminApi master;

    @BeforeAll
    static void startStockKeycloak() throws Exception {
        keycloak = StandaloneKeycloak.freshCopy("stock-keycloak").buildAndStart();
        master = new AdminApi(BASE, AdminApi.passwordGrant(BASE, "master", "admin", "admin"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void theDemoRealmImportsWithoutAnyExperimentalFeature() throws IOException {
        JsonNode features = master.get("/admin/serverinfo").json().path("features");
        for (JsonNode feature : features) {
            if ("DECLARATIVE_UI".equals(feature.path("name").asText())) {
                assertFalse(feature.path("enabled").asBoolean(), "declarative-ui must be off: " + feature);
            }
        }
        AdminApi.Response imported = master.postJson("/admin/realms", demoRealm());
        assertEquals(201, imported.status(), imported.body());

        JsonNode policy = master.get("/admin/realms/demo/sspr/policy").json();
        assertEquals("component", policy.path("source").asText(), policy.toString());
        assertEquals("SSPR Demo", policy.path("orgName").asText());
        assertEquals(1, policy.path("gatesRequired").asInt());
    }

    @Test
    @Order(2)
    void aRealmImportWithAnInvalidPolicyIsA400NamingTheFieldsAndNothingIsKept() throws IOException {
        ObjectNode realm = demoRealm();
        realm.put("realm", "demo-invalid");
        ObjectNode config =
                (ObjectNode) realm.path("components").path(POLICY_TYPE).get(0).path("config");
        config.set("gatesRequired", JSON.createArrayNode().add("7"));
        config.set("primaryColor", JSON.createArrayNode().add("blue"));

        AdminApi.Response refused = master.postJson("/admin/realms", realm);

        assertEquals(400, refused.status(), refused.body());
        JsonNode body = refused.json();
        List<String> fields = new ArrayList<>();
        body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(List.of("gatesRequired", "primaryColor"), fields, refused.body());
        assertTrue(body.path("errorMessage").asText().contains("gatesRequired: must be 1 or 2"), refused.body());
        assertEquals(404, master.get("/admin/realms/demo-invalid").status(), "a refused import leaves no realm");
        assertEquals(List.of(), keycloak.errorLines(), "the server logged an ERROR");
    }

    @Test
    @Order(3)
    void theEditorsApiChangesThePolicyAndTheResetFollowsIt() throws IOException {
        assertEquals(List.of("email", "sms", "voice"), offeredTo("dave"));
        AdminApi admin = new AdminApi(BASE, AdminApi.passwordGrant(BASE, "demo", REALM_ADMIN, REALM_ADMIN_PASSWORD));

        AdminApi.Response refused = admin.putJson(
                "/admin/realms/demo/sspr/policy", Map.of("codeLifetimeMinutes", 30, "methods", List.of("email")));
        assertEquals(400, refused.status(), refused.body());
        assertEquals(
                "codeLifetimeMinutes",
                refused.json().path("errors").get(0).path("field").asText());
        assertEquals(
                "must be 1 to 10 minutes",
                refused.json().path("errors").get(0).path("message").asText());
        assertEquals(List.of("email", "sms", "voice"), offeredTo("dave"), "a refused change changes nothing");

        AdminApi.Response saved = admin.putJson("/admin/realms/demo/sspr/policy", Map.of("methods", List.of("email")));
        assertEquals(200, saved.status(), saved.body());
        assertEquals(List.of("email"), texts(saved.json().path("methods")));
        assertEquals(List.of("email"), offeredTo("dave"));

        // One admin event for the change, on the policy component, with who made it.
        JsonNode events = master.get("/admin/realms/demo/admin-events?resourceTypes=COMPONENT&operationTypes=UPDATE")
                .json();
        String componentId = saved.json().path("componentId").asText();
        long changes = 0;
        for (JsonNode event : events) {
            if (event.path("resourcePath").asText().equals("components/" + componentId)) {
                changes++;
            }
        }
        assertEquals(1, changes, events.toString());

        // Reading needs view-realm, saving manage-realm: the helpdesk account has neither.
        AdminApi helpdesk = new AdminApi(BASE, AdminApi.passwordGrant(BASE, "demo", "helpdesk", "Helpdesk-Passw0rd!"));
        assertEquals(403, helpdesk.get("/admin/realms/demo/sspr/policy").status());
        assertEquals(
                403,
                helpdesk.putJson("/admin/realms/demo/sspr/policy", Map.of("methods", List.of("email", "sms")))
                        .status());

        AdminApi.Response restored =
                admin.putJson("/admin/realms/demo/sspr/policy", Map.of("methods", List.of("email", "sms", "voice")));
        assertEquals(200, restored.status(), restored.body());
        assertEquals(List.of("email", "sms", "voice"), offeredTo("dave"));
    }

    @Test
    @Order(4)
    void theDashboardEditorShowsEverySettingAndPutsErrorsOnTheField() throws IOException {
        Chromium.requireOrSkip();
        // The demo export's order (US first), not sorted: the admin's order is kept.
        List<String> countries = List.of("US", "GB", "DE", "FR", "ES", "BR", "JP", "CA");
        assertEquals(
                countries,
                texts(master.get("/admin/realms/demo/sspr/policy").json().path("phoneCountries")));
        // The realm admin has registered no recovery methods: without this, signing in to the dashboard would first
        // ask them to register (they are privileged), which is not what this test walks.
        assertEquals(
                200,
                master.putJson("/admin/realms/demo/sspr/policy", Map.of("requireRegistration", false))
                        .status());
        int settings =
                io.github.sspr.policy.SsprPolicyConfig.SETTINGS.settings().size();
        try (Chromium chromium = Chromium.start("stock-policy-editor")) {
            chromium.walk(() -> {
                chromium.open(BASE + "/realms/demo/sspr-dashboard/?view=policy");
                chromium.waitFor(By.id("username")).sendKeys(REALM_ADMIN);
                chromium.driver().findElement(By.id("password")).sendKeys(REALM_ADMIN_PASSWORD + Keys.ENTER);
                WebElement form = chromium.waitFor(By.id("policy-form"));
                wait(chromium)
                        .until(d -> form.findElements(By.cssSelector(".field")).size() == settings);
                chromium.shot("editor");

                // The predefined questions in use are shown ticked, the countries in the admin's order.
                assertEquals(
                        12,
                        form.findElements(By.cssSelector("[data-field=offeredQuestions] input:checked"))
                                .size());
                assertEquals(
                        String.join("\n", countries),
                        chromium.driver().findElement(By.id("p-phoneCountries")).getAttribute("value"));

                WebElement colour = chromium.driver().findElement(By.id("p-primaryColor"));
                scrollTo(chromium, colour);
                colour.clear();
                colour.sendKeys("blue");
                chromium.driver().findElement(By.id("policy-save")).click();
                WebElement error = chromium.waitFor(By.id("e-primaryColor"));
                assertEquals("must be a colour as #rrggbb", error.getText());
                assertEquals("true", colour.getAttribute("aria-invalid"));
                scrollTo(chromium, colour);
                chromium.shot("error-on-the-field");

                colour.clear();
                colour.sendKeys("#aa3300");
                chromium.driver().findElement(By.id("policy-save")).click();
                wait(chromium)
                        .until(d -> "Saved."
                                .equals(d.findElement(By.id("policy-status")).getText()));
                assertFalse(
                        chromium.driver().findElement(By.id("e-primaryColor")).isDisplayed());
                chromium.shot("saved");
            });
        }
        assertEquals(
                "#aa3300",
                master.get("/admin/realms/demo/sspr/policy")
                        .json()
                        .path("primaryColor")
                        .asText());
        assertEquals(
                countries,
                texts(master.get("/admin/realms/demo/sspr/policy").json().path("phoneCountries")),
                "saving kept the admin's order of the countries");
    }

    @Test
    @Order(5)
    void theServerLoggedNoError() throws IOException {
        assertEquals(List.of(), keycloak.errorLines());
    }

    /** The methods the reset's chooser offers to {@code username}. */
    private static List<String> offeredTo(String username) {
        ResetClient client = new ResetClient("demo", BASE).openReset().identify(username, null);
        return List.copyOf(client.options().keySet());
    }

    private static ObjectNode demoRealm() throws IOException {
        try (InputStream in = StockKeycloakPolicyIT.class.getResourceAsStream("/realm-exports/demo-realm.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        ((ArrayNode) array).forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static WebDriverWait wait(Chromium chromium) {
        return new WebDriverWait(chromium.driver(), Duration.ofSeconds(15));
    }

    private static void scrollTo(Chromium chromium, WebElement element) {
        ((JavascriptExecutor) chromium.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }
}
