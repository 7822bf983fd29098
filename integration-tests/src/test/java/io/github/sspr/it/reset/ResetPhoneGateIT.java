package io.github.sspr.it.reset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The reset flow's phone gates over plain HTTP, with WireMock as Twilio: an SMS code, a voice call that reads the code
 * out, Twilio failing, and the policy that asks for the full number first. No page ever shows the full number.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetPhoneGateIT {

    private static final String NEW_PASSWORD = "Phone-N3w-Passw0rd!";

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @BeforeEach
    void twilioAccepts() {
        TwilioFake.acceptAll(twilio);
    }

    @Test
    void aUserResetsWithATextedCode() {
        String phone = UsedSecrets.addPhone("+14155550171");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "lena", false, phone);
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
        Map<String, String> options = client.options();
        assertEquals(List.of("sms", "voice"), List.copyOf(options.keySet()));
        assertEquals("Text a code to +14*******71", options.get("sms"), "the number is masked");
        assertNoFullNumber(client, phone);

        client.action("choose", "method", "sms");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        assertEquals("We sent a code to +14*******71.", client.alert());
        assertNoFullNumber(client, phone);
        Map<String, String> sms = TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 1);
        assertEquals(SsprServerConfig.TWILIO_FROM, sms.get("From"));
        String code = UsedSecrets.add(TwilioFake.smsCode(sms, 6));
        assertEquals(
                "SSPR Demo: your password reset code is " + code + ". It expires in 5 minutes. Never share it.",
                sms.get("Body"));

        client.action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        assertEquals("Your password has been changed. Sign in with your new password.", client.alert());
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), NEW_PASSWORD)
                        .length()
                > 20);

        List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 100);
        assertTrue(
                events.stream()
                        .anyMatch(e -> "succeeded".equals(detail(e, "sspr_outcome"))
                                && "sms".equals(detail(e, "sspr_methods"))),
                events.toString());
        assertFalse(events.toString().contains(code), "no code in any event");
        assertFalse(events.toString().contains(phone.substring(1)), "no full number in any event");
    }

    @Test
    void aVoiceCallReadsTheCodeOutDigitByDigit() {
        String phone = UsedSecrets.addPhone("+14155550172");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "milo", false, phone);
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        assertEquals("Call +14*******72 and read out a code", client.options().get("voice"));

        client.action("choose", "method", "voice");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        assertEquals("Answer your phone", client.title());
        assertEquals("We are calling +14*******72 now.", client.alert());
        assertNoFullNumber(client, phone);

        Map<String, String> call = TwilioFake.await(twilio, TwilioFake.callsPath(), phone, 1);
        assertEquals(SsprServerConfig.TWILIO_FROM, call.get("From"));
        String code = UsedSecrets.add(TwilioFake.spokenCode(call, 6));
        String spoken = String.join(" ", code.split(""));
        // TwiML: one <Say> in US English (the user's locale), the code read out digit by digit, twice in the text.
        assertTrue(
                call.get("Twiml")
                        .matches("<Response><Say language=\"en-US\" loop=\"\\d\">This is SSPR Demo\\. Your password"
                                + " reset code is " + spoken + "\\. Again, your code is " + spoken
                                + "\\.</Say></Response>"),
                call.get("Twiml"));
        assertTrue(
                TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), phone).isEmpty(), "a call, not a text");

        client.action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
    }

    @Test
    void whenTwilioFailsTheCodePageSaysSoAndNothingIsHalfDone() {
        String phone = UsedSecrets.addPhone("+14155550173");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "nora", false, phone);
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        client.action("choose", "method", "sms");
        // The send runs after the page was answered (its latency must not show), so this page cannot know yet.
        assertEquals("We sent a code to +14*******73.", client.alert());
        TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 1);

        // The person's next step (here: "Send a new code", which the cooldown would refuse) reports the failure.
        String reported = nextStepUntilReported(client);
        assertEquals("We could not deliver the code. Send a new one or try another way.", reported);
        assertNoFullNumber(client, phone);

        List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 100);
        assertTrue(
                events.stream()
                        .anyMatch(e -> "sspr_send_failed".equals(e.getError())
                                && "sms_provider_unavailable".equals(detail(e, "reason"))
                                && "send-failed".equals(detail(e, "sspr_step"))),
                events.toString());
        // Nothing half-done: no gate passed, no outcome yet, the password unchanged, every method still offered.
        assertTrue(events.stream().noneMatch(e -> "gate-passed".equals(detail(e, "sspr_step"))), events.toString());
        assertTrue(events.stream().noneMatch(e -> detail(e, "sspr_outcome") != null), events.toString());
        client.action("other");
        assertEquals(List.of("sms", "voice"), List.copyOf(client.options().keySet()));
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), ResetUsers.PASSWORD)
                        .length()
                > 20);

        // Twilio is back: a call gets through and the flow goes on.
        TwilioFake.acceptAll(twilio);
        client.action("choose", "method", "voice");
        String code =
                UsedSecrets.add(TwilioFake.spokenCode(TwilioFake.await(twilio, TwilioFake.callsPath(), phone, 1), 6));
        client.action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
    }

    @Test
    void whenThePolicyAsksForTheFullNumberAWrongOneSendsNothingAndReadsTheSame() {
        String phone = UsedSecrets.addPhone("+14155550174");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "owen", false, phone);
        try (PolicyFixture policy = PolicyFixture.apply(
                realm,
                Map.of(
                        "methods", List.of("email", "sms", "voice"),
                        "gatesRequired", List.of("1"),
                        "confirmPhoneNumber", List.of("true"),
                        "orgName", List.of("SSPR Demo")))) {
            ResetClient wrong = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            wrong.action("choose", "method", "sms");
            assertEquals("sspr-reset-phone.ftl", wrong.template(), wrong.body());
            assertEquals("Confirm your phone number", wrong.title());
            assertTrue(wrong.text("sspr-intro").contains("+14*******74"), wrong.text("sspr-intro"));
            assertNoFullNumber(wrong, phone);
            wrong.submit("sspr-phone-form", Map.of("sspr-action", "confirm-phone", "phone", "+1 415 555 0199"));

            ResetClient right = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            right.action("choose", "method", "sms");
            right.submit("sspr-phone-form", Map.of("sspr-action", "confirm-phone", "phone", "(415) 555-0174"));

            // The same page, word for word, whether the number was right or not.
            assertEquals("sspr-reset-code.ftl", wrong.template(), wrong.body());
            assertEquals(
                    "If the number you typed is the one registered (+14*******74), we sent a code to it.",
                    wrong.alert());
            assertEquals(right.status(), wrong.status());
            assertEquals(right.chain(), wrong.chain());
            assertEquals(right.normalizedBody(), wrong.normalizedBody());
            assertNoFullNumber(right, phone);
            assertNoFullNumber(wrong, phone);

            // Only the right number got a text (the wrong one's flow was earlier, so its send would be there first).
            String code = UsedSecrets.add(
                    TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, 1), 6));
            assertEquals(
                    1,
                    twilio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                    urlPathEqualTo(TwilioFake.messagesPath())))
                            .size(),
                    "nothing went to the wrong number");
            assertTrue(TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), "+14155550199")
                    .isEmpty());

            // The wrong flow cannot use the right flow's code; the right flow can.
            wrong.action("verify", "code", code);
            assertNotEquals("sspr-reset-password.ftl", wrong.template());
            right.action("verify", "code", code);
            assertEquals("sspr-reset-password.ftl", right.template(), right.body());

            List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 100);
            assertTrue(
                    events.stream().anyMatch(e -> "sspr_phone_mismatch".equals(e.getError())),
                    "the admin sees why: " + events);
        }
    }

    /**
     * Repeats the person's next step until the parked failure shows (the background send finishes moments after
     * Twilio answered); bounded by a deadline.
     */
    private String nextStepUntilReported(ResetClient client) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            client.action("resend");
            assertEquals("sspr-reset-code.ftl", client.template(), client.body());
            String error = client.fieldError("code");
            if (!error.startsWith("Wait ") || System.nanoTime() > deadline) {
                return error;
            }
        }
    }

    private static void assertNoFullNumber(ResetClient client, String e164) {
        String national = e164.substring(2);
        assertFalse(client.body().contains(national), "full number on " + client.template());
    }

    private static String detail(EventRepresentation e, String key) {
        return e.getDetails() == null ? null : e.getDetails().get(key);
    }
}
