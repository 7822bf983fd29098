package io.github.sspr.it.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Artifacts;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A realm with its own Twilio account (the policy's {@code twilio*} settings, the auth token in the realm's vault) sends
 * through that account; a realm without them keeps the server's account (docs/sms.md, "One Twilio account per realm").
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class RealmTwilioAccountIT {

    static final String OWN_SID = "AC00000000000000000000000000000002";
    static final String OWN_TOKEN = "demo-own-account-token";
    static final String OWN_FROM = "+15005550123";
    static final String OTHER_REALM = "sspr-other";

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    AdminApi api;

    @BeforeEach
    void setUp() throws IOException {
        api = new AdminApi(admin.tokenManager().getAccessTokenString());
        // ServerLogIT fails the suite if the token (or the full test number) ever reaches the server log.
        UsedSecrets.add(OWN_TOKEN);
        UsedSecrets.addPhone("+4915112345678");
        accept("/2010-04-01/Accounts/" + OWN_SID + "/Messages.json", "SM0000000000000000000000000000own");
        accept(TwilioFake.messagesPath(), "SM000000000000000000000000server");
        // Keycloak's file vault: <realm>_<key>. The other realm uses the server's account and vault key.
        Files.writeString(vault().resolve(realm.getName() + "_own-twilio-token"), OWN_TOKEN);
        Files.writeString(vault().resolve(OTHER_REALM + "_twilio-auth-token"), SsprServerConfig.TWILIO_AUTH_TOKEN);
        RealmRepresentation other = new RealmRepresentation();
        other.setRealm(OTHER_REALM);
        other.setEnabled(true);
        admin.realms().create(other);
    }

    @AfterEach
    void tearDown() {
        admin.realm(OTHER_REALM).remove();
        api.putJson(
                policy(realm.getName()), Map.of("twilioAccountSid", "", "twilioAuthToken", "", "twilioFromNumber", ""));
    }

    @Test
    void aRealmWithItsOwnAccountSendsThroughItAndAnotherKeepsTheServers() {
        AdminApi.Response saved = api.putJson(
                policy(realm.getName()),
                Map.of(
                        "twilioAccountSid", OWN_SID,
                        "twilioAuthToken", "${vault.own-twilio-token}",
                        "twilioFromNumber", OWN_FROM));
        assertEquals(200, saved.status(), saved.body());
        assertFalse(saved.body().contains(OWN_TOKEN), "the policy holds the reference, never the token");

        assertEquals(200, sendTest(realm.getName()).status());
        assertEquals(200, sendTest(OTHER_REALM).status());

        LoggedRequest own = only("/2010-04-01/Accounts/" + OWN_SID + "/Messages.json");
        assertEquals(basic(OWN_SID, OWN_TOKEN), own.getHeader("Authorization"), "the realm's token, from its vault");
        assertEquals(OWN_FROM, form(own).get("From"));
        assertEquals("Keycloak SSPR test message for realm demo.", form(own).get("Body"));

        LoggedRequest server = only(TwilioFake.messagesPath());
        assertEquals(
                basic(SsprServerConfig.TWILIO_ACCOUNT_SID, SsprServerConfig.TWILIO_AUTH_TOKEN),
                server.getHeader("Authorization"));
        assertEquals(SsprServerConfig.TWILIO_FROM, form(server).get("From"));
        assertEquals(
                "Keycloak SSPR test message for realm " + OTHER_REALM + ".",
                form(server).get("Body"));
    }

    @Test
    void aTokenInClearIsRefusedAndNothingChanges() {
        AdminApi.Response refused = api.putJson(
                policy(realm.getName()),
                Map.of("twilioAccountSid", OWN_SID, "twilioAuthToken", OWN_TOKEN, "twilioFromNumber", OWN_FROM));

        assertEquals(400, refused.status(), refused.body());
        assertEquals(
                "twilioAuthToken",
                refused.json().path("errors").get(0).path("field").asText());
        assertFalse(refused.body().contains(OWN_TOKEN), "the refusal does not echo the token: " + refused.body());
        assertEquals(200, sendTest(realm.getName()).status());
        assertEquals(
                1,
                twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                        .size(),
                "still the server's account");
    }

    private AdminApi.Response sendTest(String realmName) {
        return api.postJson(
                "/admin/realms/" + realmName + "/sspr/sms/test", Map.of("to", "+4915112345678", "channel", "sms"));
    }

    private static String policy(String realmName) {
        return "/admin/realms/" + realmName + "/sspr/policy";
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertEquals(1, requests.size(), "requests to " + path);
        return requests.get(0);
    }

    private static void accept(String path, String sid) {
        twilio.stubFor(post(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}")));
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Path vault() {
        return Artifacts.dir().resolve("vault");
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8)));
    }
}
