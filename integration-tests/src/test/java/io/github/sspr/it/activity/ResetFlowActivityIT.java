package io.github.sspr.it.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * One activity row per SSPR reset flow, finished or not: a flow left after choosing a method (the tab closed) is one
 * {@code abandoned} row at the step it reached, a finished flow is one {@code succeeded} row (no second row for its
 * start), and the summary's funnel counts abandoned flows at their step.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetFlowActivityIT {

    private static final String NEW_PASSWORD = "Flow-N3w-Passw0rd!";

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    AdminApi api;

    @BeforeEach
    void adminApi() {
        api = new AdminApi(admin.tokenManager().getAccessTokenString());
    }

    @Test
    void anAbandonedFlowIsOneAbandonedRowAndAFinishedFlowOneSucceededRow() {
        long from = System.currentTimeMillis() - 1000;

        // 1. Identified, chose the emailed code, then walked away.
        ResetUsers.Created left = ResetUsers.create(realm.admin(), "ivy", true, null);
        var before = Mails.seen(mail);
        ResetClient leaving = new ResetClient(realm.getName()).openReset().identify(left.username(), null);
        leaving.action("choose", "method", "email");
        assertEquals("sspr-reset-code.ftl", leaving.template(), leaving.body());
        Mails.codeTo(mail, left.recoveryEmail(), before, 8);

        JsonNode abandoned = onlyRow(left.id());
        assertEquals("self-service-reset", abandoned.path("type").asText());
        assertEquals("abandoned", abandoned.path("result").asText());
        assertEquals("code-email", abandoned.path("step").asText(), abandoned.toString());
        assertEquals("email", abandoned.path("methods").get(0).asText());
        assertEquals(left.username(), abandoned.path("username").asText());

        // 2. Identified and left on the chooser.
        ResetUsers.Created early = ResetUsers.create(realm.admin(), "jon", true, null);
        new ResetClient(realm.getName()).openReset().identify(early.username(), null);
        JsonNode identified = onlyRow(early.id());
        assertEquals("abandoned", identified.path("result").asText());
        assertEquals("identified", identified.path("step").asText());

        // 3. The whole way: one row, succeeded — its start's row became it.
        ResetUsers.Created done = ResetUsers.create(realm.admin(), "kim", true, null);
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(done.username(), null);
        before = Mails.seen(mail);
        client.action("choose", "method", "email");
        String code = Mails.codeTo(mail, done.recoveryEmail(), before, 8);
        client.action("verify", "code", "00000000".equals(code) ? "11111111" : "00000000");
        client.action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        assertTrue(client.body().contains("Your password has been changed"), client.body());
        JsonNode succeeded = onlyRow(done.id());
        assertEquals("succeeded", succeeded.path("result").asText());
        assertEquals("completed", succeeded.path("step").asText());
        assertEquals("email", succeeded.path("methods").get(0).asText());
        assertTrue(
                succeeded.path("failureReason").isMissingNode()
                        || succeeded.path("failureReason").isNull(),
                "the wrong code on the way is not the outcome's reason: " + succeeded);

        // The funnel counts the abandoned flows at the step they reached, and the finished one nowhere.
        JsonNode summary = json(api.get(base() + "/summary?from=" + from));
        assertTrue(count(summary.path("dropOffByStep"), "code-email") >= 1, summary.toString());
        assertTrue(count(summary.path("dropOffByStep"), "identified") >= 1, summary.toString());
        assertEquals(0, count(summary.path("dropOffByStep"), "completed"), summary.toString());

        // 4. An unknown name walks the decoy path and is one abandoned row too, without a user id — but nobody's
        // drop-off: the funnel does not move (issue 20 item 11).
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        new ResetClient(realm.getName()).openReset().identify(nobody, null);
        JsonNode decoy = json(api.get(base() + "?user=" + nobody)).path("items");
        assertEquals(1, decoy.size(), decoy.toString());
        assertEquals("abandoned", decoy.get(0).path("result").asText());
        assertFalse(decoy.get(0).hasNonNull("userId"), decoy.toString());
        JsonNode after = json(api.get(base() + "/summary?from=" + from));
        assertEquals(
                summary.path("dropOffByStep").toString(),
                after.path("dropOffByStep").toString(),
                "a decoy flow is not counted in the drop-off");

        // Filters see the abandoned results like any other.
        JsonNode abandonedOnly =
                json(api.get(base() + "?result=abandoned&from=" + from)).path("items");
        assertTrue(abandonedOnly.size() >= 3, abandonedOnly.toString());
    }

    private JsonNode onlyRow(String userId) {
        JsonNode items = json(api.get(base() + "?user=" + userId)).path("items");
        assertEquals(1, items.size(), "one row per flow: " + items);
        return items.get(0);
    }

    private static long count(JsonNode keyCounts, String key) {
        for (JsonNode kc : keyCounts) {
            if (key.equals(kc.path("key").asText())) {
                return kc.path("count").asLong();
            }
        }
        return 0;
    }

    private String base() {
        return "/admin/realms/" + realm.getName() + "/sspr/activity";
    }

    private static JsonNode json(AdminApi.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.json();
    }
}
