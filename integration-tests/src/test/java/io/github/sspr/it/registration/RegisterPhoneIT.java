package io.github.sspr.it.registration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A user registers a recovery phone by text message or voice call through the SMS SPI (Twilio, played by WireMock):
 * numbers are stored in E.164, shown masked, and each number gets a capped number of codes.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class RegisterPhoneIT {

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @BeforeEach
    void twilioAccepts() {
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.messagesPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));
        twilio.stubFor(post(urlPathEqualTo(TwilioFake.callsPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"CA0123456789abcdef\"}")));
    }

    @Test
    void registersAPhoneByTextMessage() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "nia");
        String national = "(415) 555-" + fourDigits();
        String e164 = "+1415555" + national.substring(national.length() - 4);
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            browser.click("sspr-add-phone").type("phone", "+1 " + national).click("sspr-send");
            assertNull(browser.fieldError("phone"), browser.html());
            assertEquals(PhoneMask.of(e164), browser.text("sspr-destination"));
            assertFalse(browser.html().contains(e164.substring(4)), "the page shows the number masked only");

            Map<String, String> sms = lastRequest(TwilioFake.messagesPath());
            assertEquals(e164, sms.get("To"), "sent to the E.164 form");
            String code = sixDigits(sms.get("Body"));

            browser.type("code", RegisterEmailIT.wrong(code)).click("sspr-verify");
            assertEquals("That code is not right. Check it and try again.", browser.fieldError("code"));
            browser.type("code", code).click("sspr-verify");
            assertEquals("Your recovery phone is verified and saved.", browser.alert());
            assertEquals(PhoneMask.of(e164), browser.text("sspr-value-phone"));
        }

        CredentialRepresentation phone = realm.admin().users().get(user.id()).credentials().stream()
                .filter(c -> c.getType().equals("sspr-recovery-phone"))
                .findFirst()
                .orElseThrow();
        assertEquals(PhoneMask.of(e164), phone.getUserLabel());
        assertTrue(phone.getCredentialData().contains("\"region\":\"US\""), phone.getCredentialData());
        assertFalse(phone.getCredentialData().contains(e164), "the number itself is secret data only");
        assertNull(phone.getSecretData());

        EventRepresentation event =
                realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, user.id(), null, null, null, 0, 20).stream()
                        .filter(e -> "phone".equals(e.getDetails().get("sspr_method")))
                        .findFirst()
                        .orElseThrow();
        assertEquals(PhoneMask.of(e164), event.getDetails().get("sspr_destination"));
        assertEquals("sms", event.getDetails().get("sspr_channel"));
        assertFalse(event.getDetails().toString().contains(e164));

        realm.admin().users().get(user.id()).removeCredential(phone.getId());
        assertTrue(realm.admin().users().get(user.id()).credentials().stream()
                .noneMatch(c -> c.getType().equals("sspr-recovery-phone")));
    }

    @Test
    void registersAPhoneByVoiceCallAndRemovesIt() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "oli");
        String e164 = "+1415555" + fourDigits();
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            browser.click("sspr-add-phone")
                    .type("phone", e164)
                    .click("channel-voice")
                    .click("sspr-send");
            assertNull(browser.fieldError("phone"), browser.html());

            Map<String, String> call = lastRequest(TwilioFake.callsPath());
            assertEquals(e164, call.get("To"));
            // The code is read out digit by digit.
            Matcher spoken = Pattern.compile("code is ((?:\\d ){5}\\d)").matcher(call.get("Twiml"));
            assertTrue(spoken.find(), call.get("Twiml"));
            browser.type("code", spoken.group(1)).click("sspr-verify");
            assertEquals("Your recovery phone is verified and saved.", browser.alert());

            browser.click("sspr-remove-phone");
            assertEquals("Your recovery phone was removed.", browser.alert());
            assertEquals("Not set up", browser.text("sspr-value-phone"));
        }
        assertTrue(realm.admin().users().get(user.id()).credentials().stream()
                .noneMatch(c -> c.getType().equals("sspr-recovery-phone")));
        List<EventRepresentation> removed =
                realm.admin().getEvents(List.of("REMOVE_CREDENTIAL"), null, user.id(), null, null, null, 0, 20);
        assertEquals(1, removed.size(), removed.toString());
        assertEquals("phone", removed.get(0).getDetails().get("sspr_method"));
    }

    @Test
    void malformedNumbersAreRefusedNextToTheFieldAndNothingIsSent() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "pat");
        twilio.resetRequests();
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            browser.click("sspr-add-phone").type("phone", "12345").click("sspr-send");
            assertEquals(
                    "Enter a valid phone number, starting with + and the country code.", browser.fieldError("phone"));
        }
        assertEquals(
                0,
                twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                        .size());
    }

    @Test
    void oneNumberGetsAtMostFiveCodesAnHour() {
        String e164 = "+1415555" + fourDigits();
        twilio.resetRequests();
        // Five sign-ins (so no per-sign-in cooldown applies) each send one code to the same number...
        for (int i = 0; i < 5; i++) {
            DemoUsers.Created user = DemoUsers.create(realm.admin(), "toll" + i);
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
                browser.click("sspr-add-phone").type("phone", e164).click("sspr-send");
                assertNull(browser.fieldError("phone"), browser.html());
            }
        }
        // ...and the sixth is refused, next to the number, without calling the provider.
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "toll5");
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            browser.click("sspr-add-phone").type("phone", e164).click("sspr-send");
            assertEquals("Too many codes were sent to this destination. Try again later.", browser.fieldError("phone"));
        }
        assertEquals(
                5,
                twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioFake.messagesPath())))
                        .size());
    }

    private static Map<String, String> lastRequest(String path) {
        List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertFalse(requests.isEmpty(), "nothing posted to " + path);
        return form(requests.get(requests.size() - 1).getBodyAsString());
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }

    private static String sixDigits(String text) {
        Matcher matcher = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }

    private static String fourDigits() {
        return String.format("%04d", ThreadLocalRandom.current().nextInt(100, 10_000));
    }

    /** The masking rule of PhoneNumbers.mask: "+", two digits, stars, the last two digits. */
    static final class PhoneMask {
        static String of(String e164) {
            String digits = e164.substring(1);
            return "+" + digits.substring(0, 2) + "*".repeat(digits.length() - 4)
                    + digits.substring(digits.length() - 2);
        }
    }
}
