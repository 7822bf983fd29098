package io.github.sspr.it.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.SsprServerConfig;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SSPR activity end to end: Keycloak's own forgot-password flow (over HTTP, HTML forms) and an admin's reset through
 * the admin REST API become rows; the activity API filters and pages them; the CSV export defuses formulas; only
 * admins with view-events of this realm get in; a removed realm's rows go with it.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ActivityIT {

    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]*login-actions[^\"]*)\"");

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
    void aForgotPasswordResetIsRecorded() {
        String userId = userId("dave");
        long before = System.currentTimeMillis() - 1000;

        resetThroughTheMailedLink("dave", "Dave-N3w-Passw0rd!");

        JsonNode items =
                activity("?type=self-service-reset&user=dave&from=" + before).path("items");
        assertEquals(1, items.size(), items.toString());
        JsonNode row = items.get(0);
        assertEquals("self-service-reset", row.path("type").asText());
        assertEquals("succeeded", row.path("result").asText());
        assertEquals(userId, row.path("userId").asText());
        assertEquals("dave", row.path("username").asText());
        assertEquals("email", row.path("methods").get(0).asText());
        assertEquals("completed", row.path("step").asText());
        assertEquals("account-console", row.path("clientId").asText());
        assertFalse(row.path("ipAddress").asText().isEmpty());
    }

    @Test
    void anAdminResetIsRecordedAndPagedByKeyset() {
        String userId = createUser("pager-" + System.nanoTime());
        for (int i = 0; i < 5; i++) {
            resetByAdmin(userId, "Pager-Passw0rd-" + i + "!");
        }

        // Three pages of two, two, one; each row exactly once, newest first.
        List<String> seen = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = activity(
                    "?type=admin-reset&user=" + userId + "&max=2" + (cursor == null ? "" : "&after=" + cursor));
            for (JsonNode row : page.path("items")) {
                assertEquals("admin-reset", row.path("type").asText());
                assertEquals("succeeded", row.path("result").asText());
                assertEquals(userId, row.path("userId").asText());
                assertTrue(row.path("username").asText().startsWith("pager-"));
                assertEquals("admin", row.path("methods").get(0).asText());
                assertFalse(
                        row.path("clientId").asText().matches("[0-9a-f-]{36}"),
                        "the admin's client by its client id, not its internal id: " + row);
                seen.add(row.path("id").asText());
                times.add(row.path("time").asLong());
            }
            // Keycloak's JSON leaves null fields out: the last page has no "next".
            cursor = page.hasNonNull("next") ? page.path("next").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(5, new HashSet<>(seen).size(), "no row twice: " + seen);
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1) >= times.get(i), "newest first: " + times);
        }

        // Filters narrow the same rows.
        assertEquals(
                5, activity("?user=" + userId + "&method=admin").path("items").size());
        assertEquals(
                0, activity("?user=" + userId + "&method=email").path("items").size());
        assertEquals(
                0, activity("?user=" + userId + "&result=failed").path("items").size());
        assertEquals(
                0,
                activity("?user=" + userId + "&type=self-service-reset")
                        .path("items")
                        .size());
        assertEquals(
                0,
                activity("?user=" + userId + "&from=" + (System.currentTimeMillis() + 60_000))
                        .path("items")
                        .size());

        // The page size is capped; bad parameters are refused, not guessed.
        assertEquals(200, activity("?max=100000").path("max").asInt());
        assertEquals(400, api.get(base() + "?type=nonsense").status());
        assertEquals(400, api.get(base() + "?after=not-a-cursor").status());
        assertEquals(400, api.get(base() + "?method=%25").status());

        // The summary counts them.
        JsonNode summary = json(api.get(base() + "/summary"));
        assertTrue(summary.path("byDayAndResult").size() >= 1, summary.toString());
        assertTrue(summary.path("byDayAndMethod").toString().contains("\"admin\""), summary.toString());
    }

    @Test
    void theCsvExportDefusesFormulasTypedIntoTheForgotPasswordForm() {
        // Keycloak refuses such usernames for accounts, but anyone can type one into "Forgot password?": the flow
        // walks the decoy path and leaves one abandoned row with the name as typed.
        String payload = "=cmd|' /C calc'!A0";
        String quoted = "@SUM(1+1)\"x\"";
        long before = System.currentTimeMillis() - 1000;
        new ResetClient(realm.getName()).openReset().identify(payload, null);
        new ResetClient(realm.getName()).openReset().identify(quoted, null);

        JsonNode items = activity("?type=self-service-reset&result=abandoned&user=" + enc(payload) + "&from=" + before)
                .path("items");
        assertEquals(1, items.size(), items.toString());
        assertEquals(payload, items.get(0).path("username").asText());

        AdminApi.Response csv = api.get(csvBase() + "?type=self-service-reset&result=abandoned&from=" + before);
        assertEquals(200, csv.status(), csv.body());
        String[] lines = csv.body().split("\r\n");
        assertEquals(
                "\"time\",\"type\",\"result\",\"user_id\",\"username\",\"methods\",\"failure_reason\",\"step\","
                        + "\"ip_address\",\"client_id\",\"id\"",
                lines[0]);
        assertTrue(csv.body().contains(",\"'=cmd|' /C calc'!A0\","), csv.body());
        // Neutralized and quoted: the inner quotes doubled.
        assertTrue(csv.body().contains(",\"'@SUM(1+1)\"\"x\"\"\","), csv.body());
        assertFalse(csv.body().contains(",\"=cmd") || csv.body().contains(",\"@SUM"), "no cell starts with = or @");
    }

    @Test
    void onlyViewEventsAdminsOfThisRealmGetIn() {
        // manage-users alone is not enough to read activity.
        String name = "usermgr-" + System.nanoTime();
        String userId = createUser(name);
        RealmManagementRoles.grant(realm.admin(), userId, "manage-users");
        AdminApi userManager = new AdminApi(AdminApi.passwordGrant(realm.getName(), name, "Start-Passw0rd!"));
        assertEquals(403, userManager.get(base()).status());
        assertEquals(403, userManager.get(base() + "/summary").status());
        assertEquals(403, userManager.get(csvBase()).status());

        // Readiness describes a user: view-users, which view-events alone does not give.
        String viewer = "eventsviewer-" + System.nanoTime();
        RealmManagementRoles.grant(realm.admin(), createUser(viewer), "view-events");
        AdminApi eventsViewer = new AdminApi(AdminApi.passwordGrant(realm.getName(), viewer, "Start-Passw0rd!"));
        assertEquals(200, eventsViewer.get(base()).status());
        assertEquals(403, eventsViewer.get(base() + "/readiness?user=dave").status());

        // helpdesk has view-events and view-users: in.
        AdminApi helpdesk = new AdminApi(AdminApi.passwordGrant(realm.getName(), "helpdesk", "Helpdesk-Passw0rd!"));
        assertEquals(200, helpdesk.get(base()).status());
        JsonNode readiness = json(helpdesk.get(base() + "/readiness?user=dave"));
        assertEquals(userId("dave"), readiness.path("userId").asText());
        assertTrue(readiness.path("methods").toString().contains("email"), readiness.toString());
        assertTrue(readiness.has("ready") && readiness.has("gatesRequired"), readiness.toString());
        assertEquals(
                404,
                helpdesk.get(base() + "/readiness?user=nobody-" + System.nanoTime())
                        .status());

        // An admin with view-events in another realm: out.
        String other = "sspr-other-" + System.nanoTime();
        createRealmWithAdmin(other, "other-realm-id-" + System.nanoTime());
        try {
            AdminApi otherAdmin = new AdminApi(AdminApi.passwordGrant(other, "otheradmin", "Other-Passw0rd!"));
            assertEquals(
                    200,
                    otherAdmin.get("/admin/realms/" + other + "/sspr/activity").status());
            assertEquals(403, otherAdmin.get(base()).status());
            assertEquals(403, otherAdmin.get(csvBase()).status());
        } finally {
            admin.realm(other).remove();
        }
    }

    @Test
    void aRemovedRealmTakesItsActivityWithIt() {
        String name = "sspr-removed-" + System.nanoTime();
        String id = "removed-realm-id-" + (System.nanoTime() % 1_000_000_000L);
        createRealmWithAdmin(name, id);
        String otherAdminId =
                admin.realm(name).users().search("otheradmin").get(0).getId();
        CredentialRepresentation password = password("Other-N3w-Passw0rd!");
        admin.realm(name).users().get(otherAdminId).resetPassword(password);
        assertEquals(
                1,
                json(api.get("/admin/realms/" + name + "/sspr/activity"))
                        .path("items")
                        .size());

        admin.realm(name).remove();
        // Same realm id again: rows of the removed realm would show up here.
        createRealmWithAdmin(name, id);
        try {
            assertEquals(
                    0,
                    json(api.get("/admin/realms/" + name + "/sspr/activity"))
                            .path("items")
                            .size());
        } finally {
            admin.realm(name).remove();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The SSPR reset flow of the demo realm (one gate: the alternate e-mail's code), as a browser walks it. */
    private void resetThroughTheMailedLink(String username, String newPassword) {
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(username, null);
        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        String recovery = username + ".alt@demo.sspr.test"; // the demo users' recovery addresses (README)
        client.action("verify", "code", Mails.codeTo(mail, recovery, before, 8));
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", newPassword, "password-confirm", newPassword));
        assertTrue(client.body().contains("Your password has been changed"), client.body());
        assertTrue(
                AdminApi.passwordGrant(realm.getName(), username, newPassword).length() > 20);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    private String createUser(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@demo.sspr.test");
        user.setEmailVerified(true);
        user.setFirstName("Test");
        user.setLastName("User");
        user.setCredentials(List.of(password("Start-Passw0rd!")));
        try (Response response = realm.admin().users().create(user)) {
            assertEquals(201, response.getStatus());
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private void resetByAdmin(String userId, String newPassword) {
        realm.admin().users().get(userId).resetPassword(password(newPassword));
    }

    private void createRealmWithAdmin(String name, String id) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(name);
        rep.setId(id);
        rep.setEnabled(true);
        rep.setEventsListeners(List.of("jboss-logging", "sspr-activity"));
        rep.setAdminEventsEnabled(true);
        UserRepresentation user = new UserRepresentation();
        user.setUsername("otheradmin");
        user.setEnabled(true);
        user.setEmail("otheradmin@other.test");
        user.setEmailVerified(true);
        user.setFirstName("Other");
        user.setLastName("Admin");
        user.setCredentials(List.of(password("Other-Passw0rd!")));
        user.setClientRoles(Map.of("realm-management", List.of("view-events", "view-users", "manage-users")));
        rep.setUsers(List.of(user));
        admin.realms().create(rep);
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    private String base() {
        return "/admin/realms/" + realm.getName() + "/sspr/activity";
    }

    private String csvBase() {
        return "/admin/realms/" + realm.getName() + "/sspr/activity.csv";
    }

    private JsonNode activity(String query) {
        return json(api.get(base() + query));
    }

    private static JsonNode json(AdminApi.Response response) {
        assertEquals(200, response.status(), response.body());
        JsonNode body = response.json();
        assertNotNull(body);
        return body;
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new LocalhostCookies())
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static String formAction(String html) {
        Matcher matcher = FORM_ACTION.matcher(html);
        assertTrue(matcher.find(), "no login-actions form in: " + html);
        return matcher.group(1).replace("&amp;", "&");
    }

    private static String get(HttpClient browser, String url) {
        return send(browser, HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static String post(HttpClient browser, String url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(
                browser,
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }

    private static String send(HttpClient browser, HttpRequest request) {
        try {
            HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(
                    response.statusCode() < 400, response.statusCode() + " " + response.uri() + ": " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A browser's cookie jar for one host. Keycloak marks its cookies {@code Secure}; browsers (and curl) still send
     * them to http://localhost, Java's {@code CookieManager} does not — which breaks the login flow's session cookie.
     */
    static final class LocalhostCookies extends CookieHandler {
        private final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            StringBuilder header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ")
                    .append(name)
                    .append('=')
                    .append(value));
            return Map.of("Cookie", List.of(header.toString()));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((key, values) -> {
                if (key == null || !key.equalsIgnoreCase("Set-Cookie")) {
                    return;
                }
                for (String value : values) {
                    String pair = value.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).strip();
                    String cookieValue = pair.substring(eq + 1).strip();
                    String lower = value.toLowerCase(java.util.Locale.ROOT);
                    if (cookieValue.isEmpty()
                            || lower.contains("max-age=0")
                            || lower.contains("expires=thu, 01 jan 1970")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, cookieValue);
                    }
                }
            });
        }
    }
}
