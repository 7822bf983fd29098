package io.github.sspr.it.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The throttles as an admin sets, sees and lifts them (docs/throttles.md), on a real Keycloak with WireMock as Twilio:
 * limits saved through the admin REST API hold on the next request at their configured (not default) numbers; the
 * per-address identify limit counts Keycloak's client address, not a forged {@code X-Forwarded-For}; the admin lists a
 * block and lifts it, and only it; the SMS test endpoint goes nowhere a code could not.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ThrottleIT {

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    AdminApi api;

    @BeforeEach
    void setUp() {
        TwilioFake.acceptAll(twilio);
        api = new AdminApi(admin.tokenManager().getAccessTokenString());
    }

    private String blocksPath() {
        return "/admin/realms/" + realm.getName() + "/sspr/blocks";
    }

    /**
     * Opens a reset for {@code user}, texts a code (the user's {@code nth} text) and types a wrong one {@code times}
     * times.
     */
    private ResetClient wrongCodes(ResetUsers.Created user, int nth, int times) {
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        client.action("choose", "method", "sms");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        String code = UsedSecrets.add(
                TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), user.phone(), nth), 6));
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < times; i++) {
            client.action("verify", "code", wrong);
        }
        return client;
    }

    private List<JsonNode> blocksOf(String userId) {
        AdminApi.Response listed = api.get(blocksPath());
        assertEquals(200, listed.status(), listed.body());
        List<JsonNode> found = new ArrayList<>();
        listed.json().forEach(b -> {
            if (userId.equals(b.path("userId").asText())) {
                found.add(b);
            }
        });
        return found;
    }

    @Test
    void aLimitSetThroughRestTripsAtItsNumberAndLiftingOneBlockLeavesTheOther() {
        ResetUsers.Created ava = ResetUsers.create(realm.admin(), "ava", false, UsedSecrets.addPhone("+14155550161"));
        ResetUsers.Created ben = ResetUsers.create(realm.admin(), "ben", false, UsedSecrets.addPhone("+14155550162"));
        try (PolicyFixture ignored = PolicyFixture.apply(
                realm,
                Map.of(
                        "gateFailuresLimit", List.of("2"),
                        "gateFailuresBlockMinutes", List.of("45")))) {
            // One wrong code under a limit of 2 (the default is 5) blocks nothing; the second does.
            wrongCodes(ava, 1, 1);
            assertEquals(List.of(), blocksOf(ava.id()), "one wrong code is under the limit");
            wrongCodes(ava, 2, 1);
            wrongCodes(ben, 1, 2);

            List<JsonNode> avas = blocksOf(ava.id());
            assertEquals(1, avas.size(), avas.toString());
            JsonNode block = avas.get(0);
            assertEquals("gate-failures", block.path("reason").asText());
            assertEquals("sms", block.path("target").asText());
            assertEquals(2, block.path("limit").asInt());
            assertEquals(ava.username(), block.path("username").asText());
            long minutesLeft =
                    (block.path("until").asLong() - block.path("since").asLong()) / 60_000;
            assertTrue(minutesLeft > 40 && minutesLeft <= 45, "a 45-minute block, was " + minutesLeft);
            assertEquals(1, blocksOf(ben.id()).size());

            AdminApi.Response filtered = api.get(blocksPath() + "?user=" + ben.username());
            assertEquals(1, filtered.json().size(), filtered.body());

            AdminApi.Response lifted = api.postJson(
                    blocksPath() + "/lift",
                    Map.of("subject", block.path("subject").asText()));
            assertEquals(200, lifted.status(), lifted.body());

            assertEquals(List.of(), blocksOf(ava.id()), "the lifted block is gone");
            assertEquals(1, blocksOf(ben.id()).size(), "another user's block stays");
            AdminApi.Response again = api.postJson(
                    blocksPath() + "/lift",
                    Map.of("subject", block.path("subject").asText()));
            assertEquals(404, again.status(), again.body());

            // Ava can verify by text again, and her count starts afresh: one wrong code does not block her.
            wrongCodes(ava, 3, 1);
            assertEquals(List.of(), blocksOf(ava.id()));
        }
    }

    @Test
    void thePerAddressIdentifyLimitIsNotFooledByXForwardedFor() {
        try (PolicyFixture ignored = PolicyFixture.apply(realm, Map.of("identifyIpLimit", List.of("3")))) {
            // Every try claims to come from another address. Keycloak here has no proxy configured, so it ignores the
            // header and counts them all against the one real address: the limit must refuse within one minute's 3
            // tries plus the next minute's 3 (if the tries straddle a minute) plus one.
            Set<String> forged = new HashSet<>();
            String refused = null;
            for (int attempt = 1; attempt <= 7 && refused == null; attempt++) {
                String address = "198.51.100." + attempt;
                forged.add(address);
                ResetClient client = new ResetClient(realm.getName())
                        .header("X-Forwarded-For", address)
                        .openReset()
                        .identify("nobody-" + attempt, null);
                String error = client.fieldError("username");
                if (error != null && error.startsWith("Too many attempts from your network")) {
                    refused = error;
                }
            }
            assertTrue(refused != null, "7 identify tries from " + forged + " were never refused");
            assertTrue(
                    refused.matches("Too many attempts from your network\\. Try again in \\d+ (seconds?|minute)\\."),
                    refused);
        }
    }

    @Test
    void theDailyTextCapRefusesAtItsConfiguredNumber() {
        ResetUsers.Created cora = ResetUsers.create(realm.admin(), "cora", false, UsedSecrets.addPhone("+14155550163"));
        ResetUsers.Created dan = ResetUsers.create(realm.admin(), "dan", false, UsedSecrets.addPhone("+14155550164"));
        try (PolicyFixture ignored = PolicyFixture.apply(realm, Map.of("realmTextsLimit", List.of("1")))) {
            // With a cap of one text a day, at most one of the two gets a text (the suite may have sent today's one).
            new ResetClient(realm.getName())
                    .openReset()
                    .identify(cora.username(), null)
                    .action("choose", "method", "sms");
            ResetClient second = new ResetClient(realm.getName())
                    .openReset()
                    .identify(dan.username(), null)
                    .action("choose", "method", "sms");

            assertEquals(
                    "We cannot send a message there right now. Choose another method.", second.fieldError("method"));
            assertTrue(TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), dan.phone())
                    .isEmpty());
        }
        // The cap is a setting: back at its default, the next text leaves.
        ResetClient after = new ResetClient(realm.getName())
                .openReset()
                .identify(dan.username(), null)
                .action("choose", "method", "sms");
        assertEquals("sspr-reset-code.ftl", after.template(), after.body());
        TwilioFake.await(twilio, TwilioFake.messagesPath(), dan.phone(), 1);
    }

    @Test
    void theSmsTestEndpointGoesNowhereACodeCouldNot() {
        String path = "/admin/realms/" + realm.getName() + "/sspr/sms/test";
        try (PolicyFixture ignored = PolicyFixture.apply(realm, Map.of("phoneCountries", List.of("US")))) {
            AdminApi.Response germany = api.postJson(path, Map.of("to", "+4915112345670", "channel", "sms"));
            assertEquals(400, germany.status(), germany.body());
            assertEquals("country_not_allowed", germany.json().path("reason").asText());
            assertFalse(germany.body().contains("15112345670"), "the number is masked");

            AdminApi.Response premium = api.postJson(path, Map.of("to", "+19005550100", "channel", "voice"));
            assertEquals(400, premium.status(), premium.body());
            assertEquals("number_type_refused", premium.json().path("reason").asText());

            AdminApi.Response allowed = api.postJson(path, Map.of("to", "+14155550165", "channel", "sms"));
            assertEquals(200, allowed.status(), allowed.body());
        }
        assertTrue(TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), "+4915112345670")
                .isEmpty());
        assertTrue(TwilioFake.requestsTo(twilio, TwilioFake.callsPath(), "+19005550100")
                .isEmpty());
    }
}
