package io.github.sspr.it.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * The Twilio sender inside a real Keycloak, against WireMock playing Twilio: the exact requests it makes, and every
 * way Twilio can fail turned into a typed failure within the deadline.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class TwilioSenderIT {

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    AdminApi api;

    @BeforeEach
    void adminApi() {
        api = new AdminApi(admin.tokenManager().getAccessTokenString());
    }

    private AdminApi.Response sendTest(String to, String channel) {
        return api.postJson(
                "/admin/realms/" + realm.getName() + "/sspr/sms/test", Map.of("to", to, "channel", channel));
    }

    @Test
    void smsGoesToTheMessagesApiWithVaultCredentials() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));

        AdminApi.Response response = sendTest("+4915112345678", "sms");

        assertEquals(200, response.status(), response.body());
        JsonNode body = response.json();
        assertTrue(body.path("sent").asBoolean());
        assertEquals("twilio", body.path("provider").asText());
        assertEquals("SM0123456789abcdef", body.path("messageId").asText());
        assertEquals("+49*********78", body.path("to").asText(), "the API answers with a masked number");

        List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())));
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        String expectedAuth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((SsprServerConfig.TWILIO_ACCOUNT_SID + ":" + SsprServerConfig.TWILIO_AUTH_TOKEN)
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals(expectedAuth, request.getHeader("Authorization"), "auth token comes from the realm's vault");
        assertTrue(request.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
        Map<String, String> form = form(request.getBodyAsString());
        assertEquals("+4915112345678", form.get("To"));
        assertEquals(SsprServerConfig.TWILIO_FROM, form.get("From"));
        assertEquals("Keycloak SSPR test message for realm demo.", form.get("Body"));
        assertEquals(3, form.size(), "no other parameters: " + form.keySet());
    }

    @Test
    void voiceGoesToTheCallsApiWithSayTwiml() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.callsPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"CA0123456789abcdef\"}")));

        AdminApi.Response response = api.postJson(
                "/admin/realms/" + realm.getName() + "/sspr/sms/test",
                Map.of("to", "+14155550100", "channel", "voice", "locale", "de"));

        assertEquals(200, response.status(), response.body());
        assertEquals("CA0123456789abcdef", response.json().path("messageId").asText());
        twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioFake.callsPath())));
        Map<String, String> form = form(twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.callsPath())))
                .get(0)
                .getBodyAsString());
        assertEquals("+14155550100", form.get("To"));
        assertEquals(SsprServerConfig.TWILIO_FROM, form.get("From"));
        assertEquals(
                "<Response><Say language=\"de-DE\" loop=\"2\">Dies ist ein Testanruf der Self-Service-"
                        + "Passwortzurücksetzung von Keycloak für den Realm demo.</Say></Response>",
                form.get("Twiml"));
    }

    @Test
    void anInvalidNumberIsATypedFailure() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number +15005550001 is not a valid phone"
                                + " number.\",\"status\":400}")));

        AdminApi.Response response = sendTest("+15005550001", "sms");

        assertEquals(502, response.status());
        JsonNode body = response.json();
        assertFalse(body.path("sent").asBoolean());
        assertEquals("invalid_number", body.path("reason").asText());
        assertEquals("21211", body.path("providerCode").asText());
        assertFalse(body.path("transient").asBoolean());
        assertFalse(response.body().contains("5005550001"), "the full number is never echoed: " + response.body());
    }

    @Test
    void throttlingIsATransientTypedFailure() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));

        JsonNode body = sendTest("+14155550100", "sms").json();

        assertEquals("rate_limited", body.path("reason").asText());
        assertTrue(body.path("transient").asBoolean());
    }

    @Test
    void aServerErrorIsProviderUnavailable() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

        AdminApi.Response response = sendTest("+14155550100", "sms");

        assertEquals(502, response.status());
        assertEquals("provider_unavailable", response.json().path("reason").asText());
    }

    @Test
    void aHangingTwilioFailsWithinTheDeadline() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse().withStatus(201).withFixedDelay(30_000).withBody("{\"sid\":\"SMlate\"}")));

        long started = System.nanoTime();
        AdminApi.Response response = sendTest("+14155550100", "sms");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(502, response.status(), response.body());
        assertEquals("timeout", response.json().path("reason").asText());
        // The deadline is 5 s; allow for the admin call around it, but never the 30 s Twilio would take.
        assertTrue(elapsedMillis < 8_000, "took " + elapsedMillis + " ms");
        assertTrue(response.json().path("elapsedMillis").asLong() >= 4_500, response.body());
    }

    @Test
    void aMalformedNumberIsRefusedBeforeCallingTwilio() {
        AdminApi.Response response = sendTest("call me maybe", "sms");

        assertEquals(400, response.status());
        assertEquals("invalid_number", response.json().path("reason").asText());
        assertEquals(
                0,
                twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                        .size());
    }

    @Test
    void onlyRealmManagersMaySendTests() {
        // helpdesk has manage-users but not manage-realm.
        String token = AdminApi.passwordGrant(realm.getName(), "helpdesk", "Helpdesk-Passw0rd!");

        AdminApi.Response response = new AdminApi(token)
                .postJson(
                        "/admin/realms/" + realm.getName() + "/sspr/sms/test",
                        Map.of("to", "+14155550100", "channel", "sms"));

        assertEquals(403, response.status());
        assertEquals(
                0,
                twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                        .size());
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
    }
}
