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
import io.github.sspr.it.support.Metrics;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;
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

    private static final String SENT = "We sent a code to ";
    private static final String SEND_FAILED = "We could not deliver the code. Send a new one or try another way.";
    private static final String CANNOT_RECEIVE =
            "This number cannot receive messages, so a new code would not arrive either. Choose another method.";
    private static final String UNAVAILABLE =
            "Codes cannot be sent this way at the moment. Choose another method, or try again in a few minutes.";
    private static final String PAUSED = "password reset is paused";
    private static final String CAP_REACHED = "We cannot send a message there right now. Choose another method.";

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void failedSendsDoNotUseUpTheNumbersOrTheCountrysCap() {
        // The country's cap as small as the number's: a count not given back to either shows at once. Counters are
        // kept per realm id, and every test's realm is the demo export (id "demo"), so counts made by other tests in
        // the last hour are still there: the number is in a country no other test texts (Japan), whose count starts
        // at zero.
        // The realm is this method's own (lifecycle METHOD): the policy change goes with it.
        PolicyFixture.apply(realm, Map.of("phoneCountrySendsLimit", List.of("5")));
        String phone = UsedSecrets.addPhone("+819055500181");
        ResetUsers.Created caller = ResetUsers.create(realm.admin(), "gus", false, phone);

        List<ResponseDefinitionBuilder> failures = List.of(
                aResponse().withStatus(500).withBody("<html>oops</html>"),
                json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"),
                json(400, "{\"code\":21211,\"message\":\"The 'To' number is not valid.\",\"status\":400}"),
                // Hangs past the sender's 5 s deadline: a timeout.
                json(201, "{\"sid\":\"SM1\"}").withFixedDelay(6_000));
        for (int i = 0; i < failures.size(); i++) {
            twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath())).willReturn(failures.get(i)));
            ResetClient client = smsReset(caller);
            assertTrue(client.alert().startsWith(SENT), "failure " + (i + 1) + " still went out: " + client.body());
            TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, i + 1);
            // The failure is parked after its counts were given back: once the flow reports it, they were.
            reported(client);
        }

        TwilioFake.acceptAll(twilio);
        for (int i = 1; i <= 5; i++) {
            ResetClient client = smsReset(caller);
            assertTrue(
                    client.alert().startsWith(SENT),
                    "accepted send " + i + " after 4 failures was refused: " + client.body());
            TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, failures.size() + i);
        }
        // The sixth is over the number's cap: refused, and the number blocked. Whether the chooser still offered the
        // phone (refused at the click) or already showed it blocked (the only method: reset paused), nothing is sent.
        ResetClient sixth = new ResetClient(realm.getName()).openReset().identify(caller.username(), null);
        if (sixth.options().containsKey("sms") && !sixth.body().contains(PAUSED)) {
            sixth.action("choose", "method", "sms");
        }
        assertTrue(
                sixth.body().contains(CAP_REACHED) || sixth.body().contains(PAUSED),
                "five accepted sends use up the cap: " + sixth.body());
        assertEquals(
                9,
                TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), phone).size());
    }

    @Test
    void anEmailCodeArrivesWithinASecondWhileEightTextsHang() {
        String failedLabel = "outcome=\"failed\"";
        double failedBefore =
                Metrics.value(Metrics.scrape(), "sspr_sends_total{", realmLabel(), "channel=\"sms\"", failedLabel);
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
        // The texts really were hanging.
        awaitRequests(8, 30_000);
        assertTrue(phones.stream()
                .allMatch(phone -> TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), phone)
                                .size()
                        == 1));
        // Each ends as a failure at the sender's 5 s deadline. Waited for here: a text still hanging when the next
        // test starts would fail into that test's realm (the same id, "demo") and its breaker.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Metrics.value(Metrics.scrape(), "sspr_sends_total{", realmLabel(), "channel=\"sms\"", failedLabel)
                < failedBefore + 8) {
            assertTrue(System.nanoTime() < deadline, "the hung texts did not all end as failures");
            LockSupport.parkNanos(100_000_000L); // a poll interval: the loop ends as soon as the last one failed
        }
    }

    @Test
    void theBreakerOpensAfterFiveFailuresSaysSoAtOnceAndClosesWhenTwilioAnswers() {
        String realmLabel = realmLabel();
        String metrics = Metrics.scrape();
        double openedBefore = Metrics.value(metrics, "sspr_sms_breaker_total{", realmLabel, "transition=\"opened\"");
        double closedBefore = Metrics.value(metrics, "sspr_sms_breaker_total{", realmLabel, "transition=\"closed\"");
        String phone = UsedSecrets.addPhone("+14155550182");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "hal", true, phone);
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));
        for (int i = 1; i <= 5; i++) {
            ResetClient client = smsReset(user);
            assertTrue(client.alert().startsWith(SENT), client.body());
            TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, i);
            // The fifth failure opens the breaker: the user's next step already says the channel is unavailable.
            assertEquals(i < 5 ? SEND_FAILED : UNAVAILABLE, reported(client));
        }

        // Open: told at once, other methods offered, Twilio not called.
        ResetClient paused = smsReset(user);
        assertEquals("sspr-reset-choose.ftl", paused.template(), paused.body());
        assertTrue(paused.body().contains(UNAVAILABLE), paused.body());
        assertTrue(paused.options().containsKey("email"), paused.options().toString());
        assertEquals(
                5,
                twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                        .size());
        assertEquals(
                openedBefore + 1,
                Metrics.value(Metrics.scrape(), "sspr_sms_breaker_total{", realmLabel, "transition=\"opened\""),
                "one 'opened' for the realm");
        List<EventRepresentation> events = realm.admin().getEvents();
        assertTrue(
                events.stream()
                        .anyMatch(e -> e.getDetails() != null
                                && "opened".equals(e.getDetails().get("sspr_sms_breaker"))
                                && "twilio".equals(e.getDetails().get("sspr_sms_provider"))),
                events.toString());

        // Twilio answers again: after the pause one trial text goes out, and its success closes the breaker.
        TwilioFake.acceptAll(twilio);
        untilSent(user);
        TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 6);
        untilSent(user);
        TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 7);
        assertEquals(
                closedBefore + 1,
                Metrics.value(Metrics.scrape(), "sspr_sms_breaker_total{", realmLabel, "transition=\"closed\""),
                "one 'closed' for the realm");
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

    private String realmLabel() {
        return "realm=\"" + realm.getName() + "\"";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
