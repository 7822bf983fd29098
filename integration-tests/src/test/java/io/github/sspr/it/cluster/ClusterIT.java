package io.github.sspr.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.KeycloakCluster;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.testframework.mail.MailServer;

/**
 * SSPR on a cluster of two {@code kc.sh start} nodes ({@link KeycloakCluster}): one person's cookie jar moves between
 * the nodes the way a load balancer moves a browser, and every rule must hold as on one server (docs/cluster.md).
 *
 * <p>The nodes start once for the whole class, on PostgreSQL only: the cluster's discovery (jdbc-ping) needs the shared
 * database, so on the H2 pass the class is skipped. The demo realm is imported on node A, its mail goes to a GreenMail
 * of this class on its own port, its LDAP directory is the suite's {@link DemoDirectory}. Node A is killed by the last
 * test.
 */
@ExtendWith(DemoDirectory.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String REALM = "demo";
    private static final int SMTP_PORT = 13025;
    private static final String NEW_PASSWORD = "Cluster-N3w-Passw0rd!";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRIES_LEFT = Pattern.compile("That code is not right\\. (\\d) tries? left\\.");

    private static KeycloakCluster cluster;
    private static MailServer mail;
    private static Keycloak adminA;
    private static RealmResource realmA;

    @BeforeAll
    static void startTheCluster() throws Exception {
        Assumptions.assumeTrue(
                "postgres".equals(System.getProperty("kc.test.database.vendor")),
                "ClusterIT runs in the PostgreSQL pass only (run-tests.sh, -Dsspr.postgres): the nodes find each"
                        + " other through the shared database (jdbc-ping); skipped on H2");
        mail = new MailServer("127.0.0.1", SMTP_PORT);
        cluster = KeycloakCluster.start(
                Path.of(System.getProperty("sspr.cluster.keycloak", "target/cluster")),
                System.getProperty("kc.test.database.url"),
                System.getProperty("kc.test.database.user"),
                System.getProperty("kc.test.database.password"));
        adminA = Keycloak.getInstance(cluster.a().base(), "master", "admin", "admin", "admin-cli");
        importDemoRealm();
        realmA = adminA.realm(REALM);
    }

    @AfterAll
    static void stopTheCluster() {
        if (adminA != null) {
            adminA.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    /** The demo realm as exported, with its mail sent to this class's GreenMail. */
    private static void importDemoRealm() throws Exception {
        ObjectNode realm;
        try (InputStream json = ClusterIT.class.getResourceAsStream("/realm-exports/demo-realm.json")) {
            realm = (ObjectNode) JSON.readTree(json);
        }
        ((ObjectNode) realm.path("smtpServer")).put("port", Integer.toString(SMTP_PORT));
        AdminApi.Response created = admin(cluster.a()).postJson("/admin/realms", realm);
        assertEquals(201, created.status(), created.body());
    }

    @Test
    @Order(1)
    void aCodeSentOnOneNodeIsEnteredOnTheOtherAndTheNewPasswordWorksOnBoth() {
        ResetUsers.Created user = ResetUsers.create(realmA, "ivy", true, null);
        ResetClient client =
                new ResetClient(REALM, cluster.a().base()).openReset().identify(user.username(), null);
        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);

        client.via(cluster.b().base()).action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        assertTrue(client.body().contains("Your password has been changed"), client.body());

        for (KeycloakCluster.Node node : List.of(cluster.a(), cluster.b())) {
            assertTrue(AdminApi.passwordGrant(node.base(), REALM, user.username(), NEW_PASSWORD)
                            .length()
                    > 20);
            assertThrows(
                    IllegalStateException.class,
                    () -> AdminApi.passwordGrant(node.base(), REALM, user.username(), ResetUsers.PASSWORD),
                    node.name());
        }
        assertEquals(1, resetRows(cluster.b(), user.id()).size(), "one row for the one flow");
    }

    @Test
    @Order(4)
    void aResendCooldownStartedOnOneNodeHoldsOnTheOther() {
        ResetUsers.Created user = ResetUsers.create(realmA, "liam", true, null);
        ResetClient client =
                new ResetClient(REALM, cluster.a().base()).openReset().identify(user.username(), null);
        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        Mails.codeTo(mail, user.recoveryEmail(), before, 8);
        var afterFirst = Mails.seen(mail);

        client.via(cluster.b().base()).action("resend");

        assertTrue(client.fieldError("code").startsWith("Wait "), client.body());
        assertFalse(Mails.anyNewMailTo(mail, user.recoveryEmail(), afterFirst), "no second code was sent");
    }

    @Test
    @Order(6)
    void whenTheNodeThatSentTheCodeDiesTheFlowGoesOnOnTheOtherWithoutSkippingAGate() throws Exception {
        ResetUsers.Created user = ResetUsers.create(realmA, "mona", true, null);
        ResetClient client =
                new ResetClient(REALM, cluster.a().base()).openReset().identify(user.username(), null);
        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);
        String codeForm = client.formAction("sspr-code-form");

        cluster.a().kill();
        assertFalse(cluster.a().alive());

        // Straight to the password page, skipping the code, must not work.
        client.via(cluster.b().base()).postTo(codeForm, Map.of("sspr-action", "verify", "code", wrong(code)));
        assertNotEquals(500, client.status(), client.body());
        assertNotEquals("sspr-reset-password.ftl", client.template(), "a wrong code never passes");

        client.postTo(codeForm, Map.of("sspr-action", "verify", "code", code));
        assertNotEquals(500, client.status(), client.body());
        if (!"sspr-reset-password.ftl".equals(client.template())) {
            // The flow was lost with the node: it restarts cleanly on B, from the start.
            client = new ResetClient(REALM, cluster.b().base()).openReset().identify(user.username(), null);
            before = Mails.seen(mail);
            client.action("choose", "method", "email");
            client.action("verify", "code", Mails.codeTo(mail, user.recoveryEmail(), before, 8));
            assertEquals("sspr-reset-password.ftl", client.template(), client.body());
        }
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        assertTrue(client.body().contains("Your password has been changed"), client.body());
        assertTrue(AdminApi.passwordGrant(cluster.b().base(), REALM, user.username(), NEW_PASSWORD)
                        .length()
                > 20);
        assertEquals(
                List.of(),
                KeycloakCluster.errors(cluster.b()).stream()
                        .filter(line -> line.contains("sspr"))
                        .toList(),
                "ERROR lines of ours on the surviving node");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static AdminApi admin(KeycloakCluster.Node node) {
        // A token is bound to the node that issued it (hostname-strict=false: each node is its own issuer). A plain
        // password grant: closing an admin client would log its session out and revoke the token.
        return new AdminApi(node.base(), AdminApi.passwordGrant(node.base(), "master", "admin", "admin"));
    }

    /** Wrong codes the server compared for the user: each is one gate-failed event with error invalid_code. */
    private static int comparedCodes(KeycloakCluster.Node node, String userId) {
        JsonNode events = admin(node)
                .get("/admin/realms/" + REALM + "/events?user=" + userId + "&type=RESET_PASSWORD_ERROR&max=500")
                .json();
        int compared = 0;
        for (JsonNode event : events) {
            if ("invalid_code".equals(event.path("error").asText())) {
                compared++;
            }
        }
        return compared;
    }

    /** The demo directory's last writeback as a node's dashboard API reports it. */
    private static JsonNode lastWriteback(KeycloakCluster.Node node) {
        JsonNode directories =
                admin(node).get("/admin/realms/" + REALM + "/sspr/ldap").json();
        assertEquals(1, directories.size(), directories.toString());
        return directories.path(0).path("lastWriteback");
    }

    /** The user's self-service reset rows in the activity report. */
    private static List<JsonNode> resetRows(KeycloakCluster.Node node, String userId) {
        JsonNode items = admin(node)
                .get("/admin/realms/" + REALM + "/sspr/activity?max=200")
                .json()
                .path("items");
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode item : items) {
            if (userId.equals(item.path("userId").asText())
                    && ActivityType.SELF_SERVICE_RESET
                            .id()
                            .equals(item.path("type").asText())) {
                rows.add(item);
            }
        }
        return rows;
    }

    private static String wrong(String code) {
        return code.equals("00000000") ? "11111111" : "00000000";
    }
}
