package io.github.sspr.it.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The reset flow while Twilio fails (docs/sms.md, "When the SMS provider fails"), with WireMock answering 500, 429,
 * 400/21211 or hanging: failed sends do not use up the number's or the country's cap, an email code is not held up by
 * hung texts, the provider's circuit breaker opens and closes, and a number that cannot receive is said so. A fresh
 * realm per test, so that one test's breaker never meets another's.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class SmsProviderFailureIT {

    private static final String METRICS = "http://localhost:9000/metrics";
    private static final String SENT = "We sent a code to ";
    private static final String SEND_FAILED = "We could not deliver the code. Send a new one or try another way.";
    private static final String CANNOT_RECEIVE =
            "This number cannot receive messages, so a new code would not arrive either. Choose another method.";
    private static final String UNAVAILABLE =
            "Codes cannot be sent this way at the moment. Choose another method, or try again in a few minutes.";
    private static final String CAP_REACHED = "We cannot send a message there right now. Choose another method.";

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void anEmailCodeArrivesWithinASecondWhileEightTextsHang() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(json(201, "{\"sid\":\"SM1\"}").withFixedDelay(6_000)));
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String phone = UsedSecrets.addPhone("+1415555019" + i);
            phones.add(phone);
            smsReset(ResetUsers.create(realm.admin(), "hung" + i, false, phone));
        }
        ResetUsers.Created erin = ResetUsers.create(realm.admin(), "erin", true, null);
        Set<String> before = Mails.seen(mail);

        ResetClient client = new ResetClient(realm.getName()).openReset().identify(erin.username(), null);
        client.action("choose", "method", "email");
        long answered = System.nanoTime();
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        UsedSecrets.add(Mails.codeTo(mail, erin.recoveryEmail(), before, 8));
        long millis = (System.nanoTime() - answered) / 1_000_000;

        assertTrue(millis < 1_000, "the email code took " + millis + " ms behind eight hung texts");
        // The texts really were hanging (and are all over before the next test: each ends at the 5 s deadline).
        awaitRequests(8, 30_000);
        assertTrue(phones.stream()
                .allMatch(phone -> TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), phone)
                                .size()
                        == 1));
    }

    @Test
    void aNumberThatCannotReceiveIsSaidSoAndTheOtherMethodsAreOffered() {
        String phone = UsedSecrets.addPhone("+15005550001");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "ivy", true, phone);
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(json(
                        400,
                        "{\"code\":21211,\"message\":\"The 'To' number +15005550001 is not a valid phone number.\","
                                + "\"status\":400}")));

        ResetClient client = smsReset(user);
        TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 1);

        assertEquals(CANNOT_RECEIVE, reported(client));
        assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
        assertTrue(client.options().containsKey("email"), client.options().toString());
        assertFalse(client.body().contains("Send a new one"), "no invitation to a resend that cannot work");
        // The other method works.
        Set<String> before = Mails.seen(mail);
        client.action("choose", "method", "email");
        UsedSecrets.add(Mails.codeTo(mail, user.recoveryEmail(), before, 8));
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private ResetClient smsReset(ResetUsers.Created user) {
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        client.action("choose", "method", "sms");
        return client;
    }

    /** Starts SMS resets until one is sent (the breaker let it through), within 15 s; polling, not sleeping. */
    private void untilSent(ResetUsers.Created user) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            ResetClient client = smsReset(user);
            if (client.alert().startsWith(SENT)) {
                return;
            }
            assertTrue(client.body().contains(UNAVAILABLE), client.body());
            assertTrue(System.nanoTime() < deadline, "the breaker never let a text through");
            LockSupport.parkNanos(100_000_000L); // a poll interval: the loop ends as soon as a text goes out
        }
    }

    /**
     * Repeats the person's next step ("Send a new code", refused by the cooldown) until the failure of the background
     * send shows, within 10 s, and returns what the page says.
     */
    private static String reported(ResetClient client) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            client.action("resend");
            if (!"sspr-reset-code.ftl".equals(client.template())) {
                return client.fieldError("method");
            }
            String error = client.fieldError("code");
            if (!error.startsWith("Wait ")) {
                return error;
            }
            assertTrue(System.nanoTime() < deadline, "the failure was never reported: " + client.body());
            LockSupport.parkNanos(50_000_000L); // a poll interval: the loop ends as soon as the failure shows
        }
    }

    private void awaitRequests(int count, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                        .size()
                < count) {
            assertTrue(System.nanoTime() < deadline, "Twilio did not get " + count + " requests");
            LockSupport.parkNanos(50_000_000L); // a poll interval
        }
    }

    private void throttle(String option, String value) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes =
                rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        attributes.put("sspr.throttle." + option, value);
        rep.setAttributes(attributes);
        realm.admin().update(rep);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static double value(String metrics, String prefix, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String scrape() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(METRICS)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
