package io.github.sspr.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The realm's SSPR policy through the admin REST API, as the admin console and scripts use it: the demo realm ships
 * one; every kind of bad value is refused with a 400 naming the field, on create and on update; good values are stored
 * and read back (components API and {@code GET sspr/policy}); one policy per realm; partial export carries it and
 * importing a realm with it restores it (and refuses a bad one).
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class PolicyAdminApiIT {

    static final String PAGE_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    /** The demo realm's policy as shipped, restored after every test. */
    ObjectNode shipped;

    final List<String> realmsToRemove = new ArrayList<>();

    AdminApi api() {
        // The admin client refreshes its token; master's tokens live 60 s, longer than some of these tests.
        return new AdminApi(admin.tokenManager().getAccessTokenString());
    }

    String components() {
        return "/admin/realms/" + realm.getName() + "/components";
    }

    @BeforeEach
    void rememberTheShippedPolicy() {
        shipped = onlyPolicy(realm.getName()).deepCopy();
    }

    @AfterEach
    void restoreTheShippedPolicy() {
        for (JsonNode policy : policies(realm.getName())) {
            api().delete(components() + "/" + policy.path("id").asText());
        }
        AdminApi.Response created = api().postJson(components(), shipped);
        assertEquals(201, created.status(), created.body());
        for (String name : realmsToRemove) {
            api().delete("/admin/realms/" + name);
        }
    }

    @Test
    void theDemoRealmShipsItsPolicyAndTheEffectivePolicyReadsIt() {
        JsonNode policy = getPolicy(realm.getName());
        assertEquals("component", policy.path("source").asText());
        assertEquals(shipped.path("id").asText(), policy.path("componentId").asText());
        assertEquals("all", policy.path("enabled").asText());
        assertEquals(List.of("email", "sms", "voice"), strings(policy.path("methods")));
        assertEquals(1, policy.path("gatesRequired").asInt());
        assertEquals(3, policy.path("questionsToRegister").asInt());
        assertEquals(3, policy.path("questionsToAnswer").asInt());
        assertTrue(policy.path("requireRegistration").asBoolean());
        assertEquals(180, policy.path("reconfirmDays").asInt());
        assertEquals(
                "mailto:helpdesk@demo.sspr.test", policy.path("helpdeskLink").asText());
        assertEquals("SSPR Demo", policy.path("branding").path("orgName").asText());
        assertEquals("#0b5cad", policy.path("branding").path("primaryColor").asText());
        // In the order the export lists them (stored as one ##-joined value: Keycloak does not keep the order of
        // several).
        assertEquals(List.of("US", "GB", "DE", "FR", "ES", "BR", "JP", "CA"), strings(policy.path("phoneCountries")));
        // Privileged users: always two gates, never security questions.
        assertEquals(2, policy.path("privileged").path("gatesRequired").asInt());
        assertEquals(
                List.of("email", "sms", "voice"),
                strings(policy.path("privileged").path("methods")));
    }

    /** One bad value, the field the message must name, and a phrase of the message. */
    record Bad(String what, Map<String, List<String>> config, String field, String phrase) {}

    static List<Bad> badValues() {
        return List.of(
                new Bad("enablement", Map.of("enabled", List.of("sometimes")), "enabled", "all, group, off"),
                new Bad("group not named", Map.of("enabled", List.of("group")), "enabledGroup", "name the group"),
                new Bad(
                        "group that does not exist",
                        Map.of("enabled", List.of("group"), "enabledGroup", List.of("/no-such-group")),
                        "enabledGroup",
                        "no group '/no-such-group'"),
                new Bad("unknown method", Map.of("methods", List.of("email", "pigeon")), "methods", "pigeon"),
                new Bad(
                        "questions as the only gate",
                        Map.of("methods", List.of("email", "questions"), "gatesRequired", List.of("1")),
                        "methods",
                        "second gate"),
                new Bad(
                        "two gates over one phone",
                        Map.of("methods", List.of("sms", "voice"), "gatesRequired", List.of("2")),
                        "methods",
                        "2 kinds"),
                new Bad("three gates", Map.of("gatesRequired", List.of("3")), "gatesRequired", "1 or 2"),
                new Bad(
                        "three gates to recover a lost authenticator",
                        Map.of("factorResetGates", List.of("3")),
                        "factorResetGates",
                        "1 or 2"),
                new Bad(
                        "two questions to register",
                        Map.of("questionsToRegister", List.of("2")),
                        "questionsToRegister",
                        "3 to 5"),
                new Bad(
                        "six questions to answer",
                        Map.of("questionsToAnswer", List.of("6")),
                        "questionsToAnswer",
                        "3 to 5"),
                new Bad(
                        "more to answer than registered",
                        Map.of("questionsToRegister", List.of("4"), "questionsToAnswer", List.of("5")),
                        "questionsToAnswer",
                        "more than the questions to register (4)"),
                new Bad(
                        "unknown predefined question",
                        Map.of("offeredQuestions", List.of("favourite-password")),
                        "offeredQuestions",
                        "favourite-password"),
                new Bad(
                        "custom question too short",
                        Map.of("customQuestions", List.of("Ok")),
                        "customQuestions",
                        "3 to 200"),
                new Bad(
                        "custom question too long",
                        Map.of("customQuestions", List.of("Why " + "y".repeat(200) + "?")),
                        "customQuestions",
                        "3 to 200"),
                new Bad(
                        "more than 20 questions",
                        Map.of("customQuestions", numbered(9)),
                        "customQuestions",
                        "at most 20 questions in total"),
                new Bad(
                        "registration switch",
                        Map.of("requireRegistration", List.of("maybe")),
                        "requireRegistration",
                        "true or false"),
                new Bad("re-confirm too late", Map.of("reconfirmDays", List.of("731")), "reconfirmDays", "0 to 730"),
                new Bad("re-confirm negative", Map.of("reconfirmDays", List.of("-1")), "reconfirmDays", "0 to 730"),
                new Bad(
                        "re-confirm not a number",
                        Map.of("reconfirmDays", List.of("soon")),
                        "reconfirmDays",
                        "whole number"),
                new Bad(
                        "helpdesk link script",
                        Map.of("helpdeskLink", List.of("javascript:alert(1)")),
                        "helpdeskLink",
                        "http(s) URL or a mailto:"),
                new Bad(
                        "organization name too long",
                        Map.of("orgName", List.of("O".repeat(101))),
                        "orgName",
                        "at most 100"),
                new Bad(
                        "logo over plain http",
                        Map.of("logoUrl", List.of("http://cdn.example.com/logo.png")),
                        "logoUrl",
                        "https URL or a path"),
                new Bad("colour by name", Map.of("primaryColor", List.of("blue")), "primaryColor", "#rrggbb"),
                new Bad(
                        "colour with CSS in it",
                        Map.of("primaryColor", List.of("#fff;}body{display:none")),
                        "primaryColor",
                        "#rrggbb"),
                new Bad("unknown country", Map.of("phoneCountries", List.of("DE", "XX")), "phoneCountries", "'XX'"),
                new Bad(
                        "code lifetime too long",
                        Map.of("codeLifetimeMinutes", List.of("11")),
                        "codeLifetimeMinutes",
                        "1 to 10 minutes"));
    }

    @Test
    void everyKindOfBadValueIsRefusedOnUpdateNamingTheField() {
        String id = shipped.path("id").asText();
        for (Bad bad : badValues()) {
            AdminApi.Response response = api().putJson(components() + "/" + id, withConfig(shipped, bad.config()));
            assertRefused(bad, response);
        }
        // Nothing of it was stored.
        assertEquals(shipped.path("config"), onlyPolicy(realm.getName()).path("config"));
    }

    @Test
    void everyKindOfBadValueIsRefusedOnCreateNamingTheField() {
        api().delete(components() + "/" + shipped.path("id").asText());
        ObjectNode fresh = withConfig(shipped, Map.of());
        fresh.remove("id");
        for (Bad bad : badValues()) {
            AdminApi.Response response = api().postJson(components(), withConfig(fresh, bad.config()));
            assertRefused(bad, response);
        }
        assertEquals(List.of(), policies(realm.getName()));
        assertEquals("defaults", getPolicy(realm.getName()).path("source").asText());
    }

    @Test
    void goodValuesAreStoredAndReadBack() {
        Map<String, List<String>> good = Map.ofEntries(
                Map.entry("enabled", List.of("all")),
                Map.entry("methods", List.of("email", "sms", "questions")),
                Map.entry("gatesRequired", List.of("2")),
                Map.entry("questionsToRegister", List.of("5")),
                Map.entry("questionsToAnswer", List.of("4")),
                Map.entry("offeredQuestions", List.of("first-concert", "childhood-hero")),
                Map.entry(
                        "customQuestions",
                        List.of("What was the name of your first boat?", "Which street did you grow up on?", "Q?!")),
                Map.entry("requireRegistration", List.of("false")),
                Map.entry("reconfirmDays", List.of("0")),
                Map.entry("helpdeskLink", List.of("https://help.example.com/password")),
                Map.entry("orgName", List.of("Example Corp")),
                Map.entry("logoUrl", List.of("https://cdn.example.com/logo.svg")),
                Map.entry("primaryColor", List.of("#aa3300")),
                Map.entry("phoneCountries", List.of("de", "AT")),
                Map.entry("codeLifetimeMinutes", List.of("10")));
        String id = shipped.path("id").asText();
        AdminApi.Response saved = api().putJson(components() + "/" + id, withConfig(shipped, good));
        assertEquals(204, saved.status(), saved.body());

        JsonNode stored = api().get(components() + "/" + id).json().path("config");
        // Keycloak stores a multivalued option as rows: the values come back, their order need not.
        good.forEach((key, values) -> assertEquals(Set.copyOf(values), Set.copyOf(strings(stored.path(key))), key));

        JsonNode policy = getPolicy(realm.getName());
        assertEquals(Set.of("email", "sms", "questions"), Set.copyOf(strings(policy.path("methods"))));
        assertEquals(2, policy.path("gatesRequired").asInt());
        assertEquals(5, policy.path("questionsToRegister").asInt());
        assertEquals(4, policy.path("questionsToAnswer").asInt());
        assertEquals(Set.of("first-concert", "childhood-hero"), Set.copyOf(strings(policy.path("offeredQuestions"))));
        assertEquals(3, policy.path("customQuestions").size());
        assertEquals(false, policy.path("requireRegistration").asBoolean());
        assertEquals(0, policy.path("reconfirmDays").asInt());
        assertEquals(
                "https://help.example.com/password", policy.path("helpdeskLink").asText());
        assertEquals("Example Corp", policy.path("branding").path("orgName").asText());
        assertEquals(
                "https://cdn.example.com/logo.svg",
                policy.path("branding").path("logoUrl").asText());
        assertEquals("#aa3300", policy.path("branding").path("primaryColor").asText());
        assertEquals(Set.of("AT", "DE"), Set.copyOf(strings(policy.path("phoneCountries"))));
        assertEquals(10, policy.path("codeLifetimeMinutes").asInt());
        // Privileged users keep two gates but lose security questions.
        assertEquals(
                Set.of("email", "sms"),
                Set.copyOf(strings(policy.path("privileged").path("methods"))));
    }

    @Test
    void groupEnablementNeedsAGroupThatExists() {
        AdminApi.Response group =
                api().postJson("/admin/realms/" + realm.getName() + "/groups", Map.of("name", "sspr-staff"));
        assertEquals(201, group.status(), group.body());
        String groupId = api().get("/admin/realms/" + realm.getName() + "/group-by-path/sspr-staff")
                .json()
                .path("id")
                .asText();
        try {
            String id = shipped.path("id").asText();
            for (String named : List.of("/sspr-staff", groupId)) {
                AdminApi.Response saved = api().putJson(
                                components() + "/" + id,
                                withConfig(
                                        shipped, Map.of("enabled", List.of("group"), "enabledGroup", List.of(named))));
                assertEquals(204, saved.status(), saved.body());
                JsonNode policy = getPolicy(realm.getName());
                assertEquals("group", policy.path("enabled").asText());
                assertEquals(named, policy.path("enabledGroup").asText());
            }
        } finally {
            api().delete("/admin/realms/" + realm.getName() + "/groups/" + groupId);
        }
    }

    @Test
    void aSecondPolicyInTheRealmIsRefused() {
        ObjectNode second = withConfig(shipped, Map.of());
        second.remove("id");
        second.put("name", "another-policy");
        AdminApi.Response response = api().postJson(components(), second);
        assertEquals(400, response.status(), response.body());
        assertTrue(
                response.json().path("errorMessage").asText().contains("already has an SSPR policy"), response.body());
        assertEquals(1, policies(realm.getName()).size());
    }

    @Test
    void theEffectivePolicyNeedsViewRealm() {
        String carol = AdminApi.passwordGrant(realm.getName(), "carol", "Carol-Passw0rd!");
        AdminApi.Response response = new AdminApi(carol).get("/admin/realms/" + realm.getName() + "/sspr/policy");
        assertEquals(403, response.status(), response.body());
    }

    @Test
    void partialExportCarriesThePolicyAndImportRestoresIt() {
        AdminApi.Response export = api().postJson(
                        "/admin/realms/" + realm.getName()
                                + "/partial-export?exportClients=false&exportGroupsAndRoles=false",
                        Map.of());
        assertEquals(200, export.status(), export.body());
        ArrayNode exported = (ArrayNode) export.json().path("components").path(PAGE_TYPE);
        assertEquals(1, exported.size(), export.json().path("components").toString());
        JsonNode component = exported.get(0);
        assertEquals("sspr-policy", component.path("providerId").asText());
        assertEquals(shipped.path("config"), component.path("config"));

        // A new realm made from the exported component has the same effective policy.
        String imported = "policy-import";
        realmsToRemove.add(imported);
        ObjectNode copy = component.deepCopy();
        copy.remove("id");
        AdminApi.Response created = api().postJson("/admin/realms", realmWith(imported, copy));
        assertEquals(201, created.status(), created.body());
        JsonNode original = getPolicy(realm.getName());
        JsonNode restored = getPolicy(imported);
        assertEquals("component", restored.path("source").asText());
        for (String field : List.of(
                "enabled",
                "methods",
                "gatesRequired",
                "questionsToRegister",
                "questionsToAnswer",
                "requireRegistration",
                "reconfirmDays",
                "helpdeskLink",
                "branding",
                "phoneCountries")) {
            assertEquals(original.path(field), restored.path(field), field);
        }

        // Import validates too: a realm whose policy is bad is not created.
        String refused = "policy-import-bad";
        realmsToRemove.add(refused);
        ObjectNode bad = withConfig(copy, Map.of("primaryColor", List.of("blue")));
        AdminApi.Response rejected = api().postJson("/admin/realms", realmWith(refused, bad));
        assertTrue(rejected.status() >= 400, rejected.status() + " " + rejected.body());
        assertEquals(404, api().get("/admin/realms/" + refused).status());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static void assertRefused(Bad bad, AdminApi.Response response) {
        assertEquals(400, response.status(), bad.what() + ": " + response.body());
        String message = response.json().path("errorMessage").asText();
        assertTrue(message.contains(bad.field() + ": "), bad.what() + " must name " + bad.field() + ": " + message);
        assertTrue(message.contains(bad.phrase()), bad.what() + " must say '" + bad.phrase() + "': " + message);
    }

    private ObjectNode realmWith(String name, JsonNode policyComponent) {
        ObjectNode rep = JSON.createObjectNode();
        rep.put("realm", name);
        rep.put("enabled", true);
        rep.putObject("components").putArray(PAGE_TYPE).add(policyComponent);
        return rep;
    }

    private JsonNode getPolicy(String realmName) {
        AdminApi.Response response = api().get("/admin/realms/" + realmName + "/sspr/policy");
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private List<JsonNode> policies(String realmName) {
        AdminApi.Response response = api().get("/admin/realms/" + realmName + "/components?type=" + PAGE_TYPE);
        assertEquals(200, response.status(), response.body());
        List<JsonNode> result = new ArrayList<>();
        response.json().forEach(c -> {
            if ("sspr-policy".equals(c.path("providerId").asText())) {
                result.add(c);
            }
        });
        return result;
    }

    private JsonNode onlyPolicy(String realmName) {
        List<JsonNode> all = policies(realmName);
        assertEquals(1, all.size(), "policies in " + realmName + ": " + all);
        assertNotNull(all.get(0).path("id").textValue());
        return all.get(0);
    }

    /** A copy of {@code component} whose config has {@code changes} applied (an empty list stays as an empty list). */
    private static ObjectNode withConfig(JsonNode component, Map<String, List<String>> changes) {
        ObjectNode copy = component.deepCopy();
        ObjectNode config = copy.withObject("/config");
        changes.forEach((key, values) -> {
            ArrayNode array = config.putArray(key);
            values.forEach(array::add);
        });
        return copy;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> numbered(int count) {
        return Stream.iterate(1, i -> i + 1)
                .limit(count)
                .map(i -> "Custom question number " + i + "?")
                .toList();
    }
}
