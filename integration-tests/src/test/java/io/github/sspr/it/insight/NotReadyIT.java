package io.github.sspr.it.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.UsedSecrets;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The not-ready list and the policy impact simulator (docs/insight.md) against the reset flow's own decision: every
 * user of a seeded group is walked through the real identify step, and the users the list names are exactly those
 * the flow sends down the decoy path; the simulator's count for a stricter draft is exactly the users the flow then
 * refuses.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class NotReadyIT {

    /** One gate, phones only from Canada: the demo users' US phones are blocked, not missing. */
    private static final Map<String, List<String>> CANADA_PHONES = Map.of(
            "methods", List.of("email", "sms", "voice"),
            "gatesRequired", List.of("1"),
            "phoneCountries", List.of("CA"));

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

    private String base() {
        return "/admin/realms/" + realm.getName() + "/sspr";
    }

    @Test
    void theListNamesExactlyTheUsersTheResetFlowRefuses() {
        String group = "/insight-" + System.nanoTime() % 100000;
        String groupId = createGroup(group.substring(1));
        Map<String, String> expected = new TreeMap<>();
        List<ResetUsers.Created> users = new ArrayList<>();
        users.add(member(groupId, ResetUsers.create(realm.admin(), "nr-email", true, null)));
        expected.put(users.get(0).username(), "ready");
        users.add(member(groupId, ResetUsers.create(realm.admin(), "nr-none", false, null)));
        expected.put(users.get(1).username(), "no-method");
        users.add(member(
                groupId, ResetUsers.create(realm.admin(), "nr-phone", false, UsedSecrets.addPhone("+14155550191"))));
        expected.put(users.get(2).username(), "methods-blocked");
        users.add(member(
                groupId,
                ResetUsers.create(realm.admin(), "nr-quest", false, null, List.of(ResetUsers.davesQuestions()))));
        expected.put(users.get(3).username(), "methods-blocked");
        ResetUsers.Created privileged = ResetUsers.create(realm.admin(), "nr-admin", true, null);
        RealmManagementRoles.grant(realm.admin(), privileged.id(), "manage-users");
        users.add(member(groupId, privileged));
        expected.put(privileged.username(), "privileged-too-few");
        users.add(member(
                groupId, ResetUsers.create(realm.admin(), "nr-both", true, UsedSecrets.addPhone("+14155550192"))));
        expected.put(users.get(5).username(), "ready");

        try (PolicyFixture policy = PolicyFixture.apply(realm, CANADA_PHONES)) {
            // The list, page by page (two at a time): each not-ready member once, with its reason.
            Map<String, String> listed = new TreeMap<>();
            Integer first = 0;
            int pages = 0;
            while (first != null) {
                JsonNode page = json(api.get(base() + "/not-ready?group=" + group + "&max=2&first=" + first));
                for (JsonNode row : page.path("items")) {
                    assertEquals(
                            null,
                            listed.put(
                                    row.path("username").asText(),
                                    row.path("reason").asText()),
                            "listed twice, on the page from " + first + ": " + page);
                    assertEquals("local", row.path("federation").asText());
                }
                first = page.hasNonNull("next") ? page.path("next").asInt() : null; // Keycloak leaves a null out
                pages++;
                assertTrue(pages < 10, "paging ends");
            }
            Map<String, String> notReady = new TreeMap<>(expected);
            notReady.values().removeIf("ready"::equals);
            assertEquals(notReady, listed);

            // The reset flow's own decision for the same users: the listed ones walk the decoy path, the others not.
            long since = System.currentTimeMillis() - 1000;
            Set<String> refused = new HashSet<>();
            for (ResetUsers.Created user : users) {
                new ResetClient(realm.getName()).openReset().identify(user.username(), null);
                if ("unregistered".equals(decoyCause(user.username(), since))) {
                    refused.add(user.username());
                }
            }
            assertEquals(listed.keySet(), refused, "the list and the reset flow agree");

            // A filter by reason, the counts, the CSV.
            JsonNode blocked = json(api.get(base() + "/not-ready?group=" + group + "&reason=methods-blocked"));
            assertEquals(2, blocked.path("items").size(), blocked.toString());
            JsonNode summary = json(api.get(base() + "/not-ready/summary?group=" + group));
            assertEquals(6, summary.path("users").asInt(), summary.toString());
            assertEquals(2, summary.path("ready").asInt(), summary.toString());
            assertEquals(4, summary.path("notReady").asInt(), summary.toString());
            assertEquals(2, summary.path("byReason").path("methods-blocked").asInt(), summary.toString());
            AdminApi.Response csv = api.get(base() + "/not-ready/csv?group=" + group + "&federation=local");
            assertEquals(200, csv.status());
            String[] lines = csv.body().split("\r\n");
            assertEquals(
                    "\"user_id\",\"username\",\"email\",\"federation\",\"reason\",\"methods\",\"gates_required\"",
                    lines[0]);
            assertEquals(5, lines.length, csv.body());
            assertEquals(400, api.get(base() + "/not-ready?reason=bogus").status());
            assertEquals(
                    400, api.get(base() + "/not-ready?group=/no-such-group").status());
        }

        // Readiness describes users: an admin without view-users gets nothing.
        AdminApi noRights = new AdminApi(
                AdminApi.passwordGrant(realm.getName(), users.get(0).username(), ResetUsers.PASSWORD));
        assertEquals(403, noRights.get(base() + "/not-ready").status());
        assertEquals(403, noRights.get(base() + "/not-ready/summary").status());
    }

    @Test
    void theSimulatorCountsTheUsersAStricterDraftWouldRefuse() {
        String groupId = createGroup("sim-" + System.nanoTime() % 100000);
        ResetUsers.Created emailOnly = member(groupId, ResetUsers.create(realm.admin(), "sim-email", true, null));
        ResetUsers.Created both = member(
                groupId, ResetUsers.create(realm.admin(), "sim-both", true, UsedSecrets.addPhone("+14155550193")));
        Map<String, Object> twoGates = Map.of("gatesRequired", 2);

        // A refused draft is the PUT's 400, and nothing is simulated.
        AdminApi.Response refused = api.postJson(base() + "/policy/simulate", Map.of("codeLifetimeMinutes", 30));
        assertEquals(400, refused.status(), refused.body());
        assertEquals(
                "codeLifetimeMinutes",
                refused.json().path("errors").get(0).path("field").asText());

        JsonNode result = json(api.postJson(base() + "/policy/simulate?sample=100", twoGates));
        int unable = result.path("counts").path("unable-to-reset").asInt();
        Set<String> sample = new HashSet<>();
        result.path("samples")
                .path("unable-to-reset")
                .forEach(e -> sample.add(e.path("username").asText()));
        assertTrue(unable > 0 && unable <= 100, result.toString());
        assertEquals(unable, sample.size(), "every user fits in the sample");
        assertTrue(sample.contains(emailOnly.username()), result.toString());
        assertTrue(!sample.contains(both.username()), "email and phone pass two gates: " + result);
        assertEquals(
                result.path("readyNow").asInt() - unable,
                result.path("readyDraft").asInt(),
                result.toString());

        // Saved anyway (with the admin event's details on): the counts go into the event; the flow then refuses
        // exactly the users counted.
        realm.updateWithCleanup(r -> r.adminEventsDetailsEnabled(true));
        try {
            AdminApi.Response saved = api.putJson(base() + "/policy?impact=true", twoGates);
            assertEquals(200, saved.status(), saved.body());
            List<AdminEventRepresentation> events =
                    realm.admin().getAdminEvents(null, null, null, null, null, null, null, null, 0, 50);
            String representation = events.stream()
                    .map(AdminEventRepresentation::getRepresentation)
                    .filter(r -> r != null && r.contains("ssprImpact"))
                    .findFirst()
                    .orElse(null);
            assertNotNull(representation, events.toString());
            assertTrue(representation.contains("\"unable-to-reset\":" + unable), representation);

            long since = System.currentTimeMillis() - 1000;
            Set<String> refusedNow = new HashSet<>();
            for (String username : sample) {
                new ResetClient(realm.getName()).openReset().identify(username, null);
                if ("unregistered".equals(decoyCause(username, since))) {
                    refusedNow.add(username);
                }
            }
            assertEquals(sample, refusedNow, "every user the simulator counted is refused by the flow");
            new ResetClient(realm.getName()).openReset().identify(both.username(), null);
            assertEquals(null, decoyCause(both.username(), since), "a user not counted still walks the real path");
        } finally {
            assertEquals(
                    200,
                    api.putJson(base() + "/policy", Map.of("gatesRequired", 1)).status());
        }
    }

    @Test
    void aNudgeMailsNotReadyUsersOnceADayInTheirLanguage() {
        ResetUsers.Created german = ResetUsers.create(realm.admin(), "nudge-de", false, null);
        var rep = realm.admin().users().get(german.id()).toRepresentation();
        rep.singleAttribute("locale", "de");
        realm.admin().users().get(german.id()).update(rep);
        ResetUsers.Created ready = ResetUsers.create(realm.admin(), "nudge-ready", true, null);
        ResetUsers.Created control = ResetUsers.create(realm.admin(), "nudge-ctl", false, null);

        var before = Mails.seen(mail);
        JsonNode first =
                json(api.postJson(base() + "/not-ready/nudge", Map.of("users", List.of(german.id(), ready.id()))));
        assertEquals(1, first.path("sent").asInt(), first.toString());
        assertEquals(1, first.path("notApplicable").asInt(), "a ready user is not invited: " + first);
        MimeMessage invitation = Mails.newMailTo(mail, german.email(), before);
        String subject;
        try {
            subject = invitation.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(subject.contains("Registrieren Sie"), "in the user's language: " + subject);
        assertTrue(Mails.text(invitation).contains("/realms/" + realm.getName() + "/account/"), Mails.text(invitation));

        // Again the same day: held back, recorded, not sent. A control user's mail proves the sends have run.
        var afterFirst = Mails.seen(mail);
        JsonNode second = json(api.postJson(base() + "/not-ready/nudge", Map.of("users", List.of(german.id()))));
        assertEquals(0, second.path("sent").asInt(), second.toString());
        assertEquals(1, second.path("throttled").asInt(), second.toString());
        json(api.postJson(base() + "/not-ready/nudge", Map.of("users", List.of(control.id()))));
        Mails.newMailTo(mail, control.email(), afterFirst);
        assertTrue(!Mails.anyNewMailTo(mail, german.email(), afterFirst), "one invitation a day");

        JsonNode rows = json(api.get(base() + "/activity?type=registration-invitation&user=" + german.id()));
        List<String> results = new ArrayList<>();
        rows.path("items").forEach(r -> results.add(r.path("result").asText()));
        assertEquals(List.of("blocked", "succeeded"), results, rows.toString());

        assertEquals(400, api.postJson(base() + "/not-ready/nudge", Map.of()).status());
        AdminApi viewer = new AdminApi(AdminApi.passwordGrant(realm.getName(), ready.username(), ResetUsers.PASSWORD));
        assertEquals(
                403,
                viewer.postJson(base() + "/not-ready/nudge", Map.of("users", List.of(german.id())))
                        .status());
    }

    @Test
    void aSharedPhoneIsAFindingOnceItReachesTheThreshold() {
        JsonNode clean = json(api.postJson(base() + "/recovery-findings/run", Map.of()));
        int before = count(clean, "shared-phone");
        String phone = UsedSecrets.addPhone("+14155550195");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            names.add(
                    ResetUsers.create(realm.admin(), "shared" + i, false, phone).username());
        }
        // Two accounts on one number are below the default threshold of 3.
        assertEquals(before, count(json(api.postJson(base() + "/recovery-findings/run", Map.of())), "shared-phone"));
        names.add(ResetUsers.create(realm.admin(), "shared2", false, phone).username());

        JsonNode seeded = json(api.postJson(base() + "/recovery-findings/run", Map.of()));
        assertEquals(before + 3, count(seeded, "shared-phone"), seeded.toString());
        assertTrue(!seeded.toString().contains(phone.substring(1)), "the stored findings never hold the number");
        // What the task stored is what GET reads, on any node.
        JsonNode stored = json(api.get(base() + "/recovery-findings"));
        assertEquals(
                seeded.path("computedAt").asLong(), stored.path("computedAt").asLong());
        assertEquals(before + 3, count(stored, "shared-phone"));
        if (before == 0) {
            List<String> listed = new ArrayList<>();
            finding(stored, "shared-phone").path("users").forEach(u -> listed.add(u.asText()));
            assertEquals(new HashSet<>(names), new HashSet<>(listed));
        }
    }

    private static JsonNode finding(JsonNode result, String kind) {
        for (JsonNode f : result.path("findings")) {
            if (kind.equals(f.path("kind").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + kind + " in " + result);
    }

    private static int count(JsonNode result, String kind) {
        return finding(result, kind).path("count").asInt();
    }

    private String createGroup(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.admin().groups().add(group)) {
            assertEquals(201, response.getStatus());
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private ResetUsers.Created member(String groupId, ResetUsers.Created user) {
        realm.admin().users().get(user.id()).joinGroup(groupId);
        return user;
    }

    /** The decoy cause of {@code username}'s identify steps since {@code since} (epoch millis), or null. */
    private String decoyCause(String username, long since) {
        return realm.admin().getEvents(List.of("RESET_PASSWORD"), null, null, null, null, null, 0, 1000).stream()
                .filter(e -> e.getTime() >= since)
                .filter(e ->
                        e.getDetails() != null && username.equals(e.getDetails().get("username")))
                .map(EventRepresentation::getDetails)
                .map(d -> d.get("sspr_decoy"))
                .filter(cause -> cause != null)
                .findFirst()
                .orElse(null);
    }

    private static JsonNode json(AdminApi.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.json();
    }
}
