package io.github.sspr.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.EmailCodeReset;
import io.github.sspr.it.support.KeycloakCluster;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.spi.OncePerCluster;
import io.github.sspr.testing.Race;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
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
    /** Every SSPR scheduled task's interval on the cluster (hours in production; seconds here). */
    private static final Duration TASK_INTERVAL = Duration.ofSeconds(3);
    /** "SSPR task sspr-recovery-quality: running for window 123" (OncePerCluster, DEBUG). */
    private static final Pattern TASK_RUN = Pattern.compile("SSPR task (\\S+): running for window (\\d+)");

    private static final List<String> TASKS =
            List.of("sspr-recovery-quality", "sspr-activity-retention", "sspr-password-expiry");
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
                System.getProperty("kc.test.database.password"),
                // Each run of a cluster task is logged at DEBUG with its window (OncePerCluster).
                List.of("--log-level=INFO,io.github.sspr.spi.OncePerCluster:debug"),
                Map.of(OncePerCluster.INTERVAL_PROPERTY, Long.toString(TASK_INTERVAL.toSeconds())));
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
        EmailCodeReset reset = startOnA("ivy");
        ResetUsers.Created user = reset.user();
        ResetClient client = reset.client();

        client.via(cluster.b().base()).action("verify", "code", reset.code());
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
        assertEquals(List.of("succeeded"), resetResults(cluster.b(), user.id()), "one row for the one flow");
    }

    @Test
    @Order(2)
    void wrongCodesAlternatedAcrossNodesStopAtTheCapAndTheBlockHoldsOnTheOtherNode() {
        EmailCodeReset reset = startOnA("jack");
        ResetUsers.Created user = reset.user();
        ResetClient client = reset.client();
        String code = reset.code();
        String wrong = reset.wrongCode();
        String codeForm = reset.codeForm();

        for (int left = 4; left >= 1; left--) {
            client.via(left % 2 == 0 ? cluster.a().base() : cluster.b().base()).action("verify", "code", wrong);
            assertEquals(triesLeft(left), client.fieldError("code"), client.body());
        }
        client.via(cluster.a().base()).action("verify", "code", wrong);
        assertTrue(client.alert().startsWith("Too many attempts."), client.body());

        // The right code, on the other node, no longer works; a new flow there meets the block made on A.
        assertRightCodeRefused(client.via(cluster.b().base()), codeForm, code);
        assertEquals(List.of("blocked"), resetResults(cluster.b(), user.id()), "one row for the one flow");
        ResetClient again =
                new ResetClient(REALM, cluster.b().base()).openReset().identify(user.username(), null);
        assertTrue(again.alert().startsWith("Too many attempts."), again.body());
        assertEquals(5, comparedCodes(cluster.b(), user.id()));
    }

    @Test
    @Order(3)
    void wrongCodesSentInParallelToBothNodesAreComparedAtMostFiveTimes() throws Exception {
        EmailCodeReset reset = startOnA("kate");
        ResetUsers.Created user = reset.user();
        ResetClient client = reset.client();
        String code = reset.code();
        String wrong = reset.wrongCode();
        String codeForm = reset.codeForm();

        List<Callable<ResetClient>> posts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ResetClient racer =
                    client.copy(i % 2 == 0 ? cluster.a().base() : cluster.b().base());
            posts.add(() -> racer.postTo(codeForm, Map.of("sspr-action", "verify", "code", wrong)));
        }
        List<ResetClient> answers = Race.run(posts);

        int stillTrying = 0;
        for (ResetClient answer : answers) {
            assertNotEquals(500, answer.status(), answer.body());
            if (TRIES_LEFT.matcher(answer.fieldError("code")).matches()) {
                stillTrying++;
            }
        }
        // Of five compared wrong codes, the fifth blocks the gate: at most four answers can offer more tries.
        assertTrue(stillTrying <= 4, stillTrying + " answers offered more tries");
        int raced = comparedCodes(cluster.a(), user.id());
        assertTrue(raced <= 5, raced + " of the racing wrong codes were compared");

        // Keycloak takes each page's action code once, so most racers were turned away before our gate (a form
        // posted twice is only shown again). Whatever the race let through, the flow's code is compared at most five
        // times in all: wrong codes from fresh pages, one at a time, until the gate blocks.
        for (int i = 0; i < 10 && comparedCodes(cluster.a(), user.id()) < 5; i++) {
            ResetClient fresh = freshPage(
                    client.via(i % 2 == 0 ? cluster.b().base() : cluster.a().base()), codeForm);
            assertTrue(fresh.has("sspr-code-form"), "the gate blocked before five compared codes: " + fresh.body());
            fresh.action("verify", "code", wrong);
            assertNotEquals(500, fresh.status(), fresh.body());
        }
        assertEquals(5, comparedCodes(cluster.a(), user.id()), "wrong codes compared in all");
        assertRightCodeRefused(client.via(cluster.b().base()), codeForm, code);
        assertEquals(5, comparedCodes(cluster.b(), user.id()), "the right code was not compared either");
        assertEquals(List.of("blocked"), resetResults(cluster.a(), user.id()), "one row for the one flow");
    }

    @Test
    @Order(4)
    void aResendCooldownStartedOnOneNodeHoldsOnTheOther() {
        EmailCodeReset reset = startOnA("liam");
        ResetUsers.Created user = reset.user();
        ResetClient client = reset.client();
        var afterFirst = Mails.seen(mail);

        client.via(cluster.b().base()).action("resend");

        assertTrue(client.fieldError("code").startsWith("Wait "), client.body());
        assertFalse(Mails.anyNewMailTo(mail, user.recoveryEmail(), afterFirst), "no second code was sent");
    }

    @Test
    @Order(5)
    void theLastDirectoryWritebackIsTheSameRecordOnEveryNode() throws Exception {
        // A directory user of this test alone (the demo directory is shared by the whole test run): an admin sets
        // the password on node B, and sspr-ldap writes it to the directory there.
        String username = "nora-" + UUID.randomUUID().toString().substring(0, 8);
        try (LDAPConnection ldap = new LDAPConnection("localhost", DemoDirectory.PORT)) {
            ldap.bind(DemoDirectory.BIND_DN, DemoDirectory.BIND_PASSWORD);
            ldap.add(new Entry(
                    "uid=" + username + ",ou=people," + DemoDirectory.BASE_DN,
                    new com.unboundid.ldap.sdk.Attribute(
                            "objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new com.unboundid.ldap.sdk.Attribute("uid", username),
                    new com.unboundid.ldap.sdk.Attribute("cn", "Nora North"),
                    new com.unboundid.ldap.sdk.Attribute("sn", "North"),
                    new com.unboundid.ldap.sdk.Attribute("mail", username + "@demo.sspr.test"),
                    new com.unboundid.ldap.sdk.Attribute("userPassword", "Nora-Passw0rd!")));
        }
        AdminApi adminB = admin(cluster.b());
        JsonNode found = adminB.get("/admin/realms/" + REALM + "/users?username=" + username + "&exact=true")
                .json();
        assertEquals(1, found.size(), "the directory user is found through sspr-ldap: " + found);
        assertFalse(found.path(0).path("federationLink").asText().isEmpty(), found.toString());
        AdminApi.Response reset = adminB.putJson(
                "/admin/realms/" + REALM + "/users/" + found.path(0).path("id").asText() + "/reset-password",
                Map.of("type", "password", "value", "Nora-N3w-Passw0rd!", "temporary", false));
        assertEquals(204, reset.status(), reset.body());

        JsonNode onB = lastWriteback(cluster.b());
        JsonNode onA = lastWriteback(cluster.a());
        assertTrue(onB.path("ok").asBoolean(), onB.toString());
        assertFalse(onB.path("at").asText().isEmpty(), "a writeback was recorded: " + onB);
        assertEquals("node-b", onB.path("node").asText(), onB.toString());
        assertEquals(onB, onA, "node A shows the writeback node B made");
    }

    @Test
    @Order(6)
    void aHelpdeskVerificationSentThroughOneNodeIsCheckedOnTheOtherAndOnlyOnce() {
        ResetUsers.Created user = ResetUsers.create(realmA, "olga", true, null);
        String verify = "/admin/realms/" + REALM + "/sspr/users/" + user.id() + "/verify";
        // The same agent (the master admin) on both nodes, each with a token of that node.
        AdminApi onA = admin(cluster.a());
        AdminApi onB = admin(cluster.b());
        var before = Mails.seen(mail);
        AdminApi.Response sent = onA.postJson(verify + "/send", Map.of("method", "email"));
        assertEquals(200, sent.status(), sent.body());
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);

        JsonNode miss = onB.postJson(verify + "/check", Map.of("code", EmailCodeReset.wrong(code)))
                .json();
        assertEquals("wrong", miss.path("result").asText(), miss.toString());
        assertEquals(4, miss.path("triesLeft").asInt(), miss.toString());
        JsonNode hit = onB.postJson(verify + "/check", Map.of("code", code)).json();
        assertEquals("verified", hit.path("result").asText(), hit.toString());
        JsonNode latest = onA.get(verify).json();
        assertEquals("verified", latest.path("result").asText(), "node A shows B's result: " + latest);
        assertEquals("email", latest.path("method").asText(), latest.toString());

        for (AdminApi node : List.of(onA, onB)) {
            AdminApi.Response replay = node.postJson(verify + "/check", Map.of("code", code));
            assertNotEquals(500, replay.status(), replay.body());
            assertNotEquals("verified", replay.json().path("result").asText(), "single use: " + replay.body());
        }
        assertEquals(
                1,
                activityRows(cluster.a(), user.id(), ActivityType.HELPDESK_VERIFICATION).stream()
                        .filter(row -> "succeeded".equals(row.path("result").asText()))
                        .count(),
                "one verified check in the activity report");
    }

    @Test
    @Order(7)
    void eachScheduledTaskRunsOncePerIntervalInTheWholeCluster() throws Exception {
        // Both nodes schedule both tasks (each logged it at start-up) ...
        for (KeycloakCluster.Node node : List.of(cluster.a(), cluster.b())) {
            String log = Files.readString(node.log());
            for (String task : TASKS) {
                assertTrue(
                        log.contains("SSPR task " + task + ": once per cluster every " + TASK_INTERVAL),
                        node.name() + " did not schedule " + task);
            }
        }
        // ... and each checks four times per window; in the windows that start from now on, every task must run
        // exactly once in the two logs together.
        long interval = TASK_INTERVAL.toMillis();
        long first = System.currentTimeMillis() / interval + 1;
        int windows = 4;
        long over = (first + windows) * interval;
        long deadline = over + 3 * interval;
        Map<String, Map<Long, List<String>>> runs = taskRuns(first, first + windows);
        while (System.currentTimeMillis() < over + interval / 4 || !everyWindowRan(runs, first, windows)) {
            assertTrue(System.currentTimeMillis() < deadline, "task runs by window: " + runs);
            LockSupport.parkNanos(200_000_000L); // a poll interval: the loop ends as soon as the windows are over
            runs = taskRuns(first, first + windows);
        }
        for (String task : TASKS) {
            for (long window = first; window < first + windows; window++) {
                List<String> ranOn = runs.get(task).getOrDefault(window, List.of());
                assertEquals(1, ranOn.size(), task + " in window " + window + " ran on " + ranOn + ": " + runs);
            }
        }
    }

    @Test
    @Order(9)
    void whenTheNodeThatSentTheCodeDiesTheFlowGoesOnOnTheOtherWithoutSkippingAGate() throws Exception {
        EmailCodeReset reset = startOnA("mona");
        ResetUsers.Created user = reset.user();
        ResetClient client = reset.client();
        String code = reset.code();
        String codeForm = reset.codeForm();

        cluster.a().kill();
        assertFalse(cluster.a().alive());

        // Straight to the password page, skipping the code, must not work.
        client.via(cluster.b().base()).postTo(codeForm, Map.of("sspr-action", "verify", "code", reset.wrongCode()));
        assertNotEquals(500, client.status(), client.body());
        assertNotEquals("sspr-reset-password.ftl", client.template(), "a wrong code never passes");

        client.postTo(codeForm, Map.of("sspr-action", "verify", "code", code));
        assertNotEquals(500, client.status(), client.body());
        boolean continued = "sspr-reset-password.ftl".equals(client.template());
        if (!continued) {
            // The flow was lost with the node: it restarts cleanly on B, from the start.
            client = new ResetClient(REALM, cluster.b().base()).openReset().identify(user.username(), null);
            var before = Mails.seen(mail);
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
        // One row per flow: the flow that went on ends once; a flow lost with the node stays where it was.
        List<String> results = resetResults(cluster.b(), user.id());
        assertEquals(
                continued ? List.of("succeeded") : List.of("abandoned", "succeeded"),
                results.stream().sorted().toList());
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

    /** The user's activity rows of one type, as a node's activity report lists them. */
    private static List<JsonNode> activityRows(KeycloakCluster.Node node, String userId, ActivityType type) {
        JsonNode items = admin(node)
                .get("/admin/realms/" + REALM + "/sspr/activity?max=200")
                .json()
                .path("items");
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode item : items) {
            if (userId.equals(item.path("userId").asText())
                    && type.id().equals(item.path("type").asText())) {
                rows.add(item);
            }
        }
        return rows;
    }

    /** The results of the user's self-service reset rows, one row per flow. */
    private static List<String> resetResults(KeycloakCluster.Node node, String userId) {
        return activityRows(node, userId, ActivityType.SELF_SERVICE_RESET).stream()
                .map(row -> row.path("result").asText())
                .toList();
    }

    /** Task name to window to the nodes that logged a run of it, for windows from {@code from} to before {@code to}. */
    private static Map<String, Map<Long, List<String>>> taskRuns(long from, long to) throws IOException {
        Map<String, Map<Long, List<String>>> runs = new TreeMap<>();
        TASKS.forEach(task -> runs.put(task, new TreeMap<>()));
        for (KeycloakCluster.Node node : List.of(cluster.a(), cluster.b())) {
            Matcher run = TASK_RUN.matcher(Files.readString(node.log()));
            while (run.find()) {
                long window = Long.parseLong(run.group(2));
                if (window >= from && window < to && runs.containsKey(run.group(1))) {
                    runs.get(run.group(1))
                            .computeIfAbsent(window, w -> new ArrayList<>())
                            .add(node.name());
                }
            }
        }
        return runs;
    }

    private static boolean everyWindowRan(Map<String, Map<Long, List<String>>> runs, long first, int windows) {
        return runs.values().stream().allMatch(byWindow -> byWindow.keySet().size() == windows);
    }

    /** The error under the code field after {@code left} wrong codes remain (one try, two tries). */
    private static String triesLeft(int left) {
        return "That code is not right. " + left + (left == 1 ? " try left." : " tries left.");
    }

    /**
     * The flow's current page, on the node the client is routed to. {@code staleForm} is a code form whose one-time
     * action code was already used: Keycloak answers a request to it by showing the flow's current page again, without
     * running any action of ours.
     */
    private static ResetClient freshPage(ResetClient client, String staleForm) {
        client.get(staleForm);
        assertNotEquals(500, client.status(), client.body());
        return client;
    }

    /** After the block, the right code gets nowhere: the current page has no code form, or its code form refuses it. */
    private static void assertRightCodeRefused(ResetClient client, String staleForm, String code) {
        freshPage(client, staleForm);
        if (client.has("sspr-code-form")) {
            client.action("verify", "code", code);
        }
        assertNotEquals(500, client.status(), client.body());
        assertNotEquals("sspr-reset-password.ftl", client.template(), "the right code no longer works");
    }

    /** A fresh user's reset, started on node A and brought to its code page. */
    private static EmailCodeReset startOnA(String prefix) {
        return EmailCodeReset.start(realmA, REALM, cluster.a().base(), mail, prefix);
    }
}
