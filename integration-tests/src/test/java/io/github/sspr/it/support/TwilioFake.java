package io.github.sspr.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** WireMock playing Twilio's REST API on {@link SsprServerConfig#TWILIO_PORT}. */
public final class TwilioFake {

    private TwilioFake() {}

    public static WireMockExtension extension() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig()
                        .port(SsprServerConfig.TWILIO_PORT)
                        .bindAddress("127.0.0.1")
                        .extensions(new CloseConnections()))
                .build();
    }

    /**
     * Every answer closes its connection. Each test class starts its own fake on the same port, and Keycloak's HTTP
     * client would otherwise keep a pooled connection to the previous one: the next class's first send then met a
     * dead socket and failed without reaching the new fake.
     */
    private static final class CloseConnections
            implements com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2 {

        @Override
        public com.github.tomakehurst.wiremock.http.ResponseDefinition transform(
                com.github.tomakehurst.wiremock.stubbing.ServeEvent event) {
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(event.getResponseDefinition())
                    .withHeader("Connection", "close")
                    .build();
        }

        @Override
        public String getName() {
            return "close-connections";
        }
    }

    public static String messagesPath() {
        return "/2010-04-01/Accounts/" + SsprServerConfig.TWILIO_ACCOUNT_SID + "/Messages.json";
    }

    public static String callsPath() {
        return "/2010-04-01/Accounts/" + SsprServerConfig.TWILIO_ACCOUNT_SID + "/Calls.json";
    }

    /** Twilio accepts every text and every call (201 with a sid). */
    public static void acceptAll(WireMockExtension twilio) {
        twilio.stubFor(post(urlPathEqualTo(messagesPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM00000000000000000000000000000001\",\"status\":\"queued\"}")));
        twilio.stubFor(post(urlPathEqualTo(callsPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"CA00000000000000000000000000000001\",\"status\":\"queued\"}")));
    }

    /** The form fields of the requests to {@code path} sent to {@code to}, oldest first. */
    public static List<Map<String, String>> requestsTo(WireMockExtension twilio, String path, String to) {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(TwilioFake::form)
                .filter(form -> to.equals(form.get("To")))
                .toList();
    }

    /**
     * Waits (polling WireMock, at most 10 s) until {@code path} has received its {@code count}-th request to
     * {@code to}, and returns that request's form fields.
     */
    public static Map<String, String> await(WireMockExtension twilio, String path, String to, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Map<String, String>> requests = requestsTo(twilio, path, to);
            if (requests.size() >= count) {
                return requests.get(count - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Twilio got " + requests.size() + " request(s) to " + path + " within 10 s, "
                        + "expected " + count);
            }
            // A poll interval, not a wait for the send: the loop ends as soon as the request is there.
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    /** The {@code digits}-digit code in an SMS body. */
    public static String smsCode(Map<String, String> request, int digits) {
        Matcher m = Pattern.compile("\\b(\\d{" + digits + "})\\b").matcher(request.get("Body"));
        if (!m.find()) {
            throw new AssertionError("no code in the SMS: " + request);
        }
        return m.group(1);
    }

    /** The code a voice call reads out, digit by digit ("1 2 3 4 5 6"), from the call's TwiML. */
    public static String spokenCode(Map<String, String> request, int digits) {
        Matcher m = Pattern.compile("\\b(\\d(?: \\d){" + (digits - 1) + "})\\b").matcher(request.get("Twiml"));
        if (!m.find()) {
            throw new AssertionError("no spoken code in the TwiML: " + request.get("Twiml"));
        }
        return m.group(1).replace(" ", "");
    }

    public static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
    }
}
