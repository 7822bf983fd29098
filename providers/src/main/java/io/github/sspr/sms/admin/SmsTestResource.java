package io.github.sspr.sms.admin;

import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.rule.Channel;
import io.github.sspr.delivery.rule.Destinations;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.store.SsprPolicies;
import io.github.sspr.sms.OutboundMessage;
import io.github.sspr.sms.SmsSendException;
import io.github.sspr.sms.SmsSender;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lets a realm admin check the SMS/voice set-up, as Keycloak's "Test connection" does for SMTP: {@code POST
 * /admin/realms/{realm}/sspr/sms/test} with {@code {"to": "+14155550100", "channel": "sms"}}.
 *
 * <p>200 when the provider accepted the message; 400 for a destination we refuse before calling out (not a number,
 * or refused by the policy's country guard, docs/throttles.md); 502 with the
 * typed reason when the provider failed.
 */
public class SmsTestResource extends AdminResource {

    public SmsTestResource(Context context) {
        super(context);
    }

    /** The request body. */
    public record TestRequest(String to, String channel, String locale) {}

    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response test(TestRequest request) {
        auth.realm().requireManageRealm();

        Map<String, Object> result = new LinkedHashMap<>();
        if (request == null || request.to() == null) {
            return bad(result, "invalid_request", "Body must name 'to' (E.164) and 'channel' (sms or voice)");
        }
        Channel channel;
        try {
            channel = request.channel() == null
                    ? Channel.SMS
                    : Channel.valueOf(request.channel().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return bad(result, "invalid_request", "channel must be 'sms' or 'voice'");
        }
        String to = PhoneNumbers.toE164(request.to(), null).orElse(null);
        if (to == null) {
            return bad(result, SmsSendException.Reason.INVALID_NUMBER.id(), "'to' is not a phone number in E.164 form");
        }
        // The same destination rule as every code (docs/throttles.md, "Country guard"): a test goes nowhere a code
        // could not.
        Optional<String> refused = Destinations.refusal(
                SsprPolicies.forRealm(realm), channel == Channel.VOICE ? Method.VOICE : Method.SMS, to);
        if (refused.isPresent()) {
            result.put("to", PhoneNumbers.mask(to));
            return bad(
                    result,
                    refused.get(),
                    refused.get().equals(Destinations.COUNTRY_NOT_ALLOWED)
                            ? "The policy does not allow texts or calls to " + PhoneNumbers.regionOf(to)
                                    + " (setting phoneCountries)"
                            : "Calls to premium-rate numbers or numbers of unknown type are refused");
        }
        Locale locale = request.locale() == null ? Locale.ENGLISH : Locale.forLanguageTag(request.locale());
        // In the language asked for, so that the admin hears the voice the users of that language will hear.
        String text = testText(channel, locale);

        SmsSender sender = session.getProvider(SmsSender.class);
        result.put("channel", channel.id());
        result.put("to", PhoneNumbers.mask(to));
        if (sender == null) {
            result.put("sent", false);
            result.put("reason", SmsSendException.Reason.NOT_CONFIGURED.id());
            result.put("message", "No sspr-sms-sender provider is enabled on this server");
            return Response.status(Response.Status.BAD_GATEWAY).entity(result).build();
        }
        long started = System.nanoTime();
        try {
            SmsSender.SendReceipt receipt = sender.send(realm, new OutboundMessage(channel, to, text, locale));
            result.put("sent", true);
            result.put("provider", receipt.providerId());
            result.put("messageId", receipt.providerMessageId());
            result.put("elapsedMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return Response.ok(result).build();
        } catch (SmsSendException e) {
            result.put("sent", false);
            result.put("reason", e.getReason().id());
            result.put("transient", e.getReason().isTransient());
            result.put("providerCode", e.getProviderCode());
            result.put("message", e.getMessage());
            result.put("elapsedMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return Response.status(Response.Status.BAD_GATEWAY).entity(result).build();
        }
    }

    private String testText(Channel channel, Locale locale) {
        String key = channel == Channel.SMS ? "sspr.sms.test.text" : "sspr.voice.test.text";
        String pattern = LoginMessages.of(session, realm, locale)
                .text(
                        key,
                        channel == Channel.SMS
                                ? "Keycloak SSPR test message for realm {0}."
                                : "This is a test call from Keycloak self-service password reset for realm {0}.");
        return new MessageFormat(pattern, locale).format(new Object[] {realm.getName()});
    }

    private static Response bad(Map<String, Object> result, String reason, String message) {
        result.put("sent", false);
        result.put("reason", reason);
        result.put("message", message);
        return Response.status(Response.Status.BAD_REQUEST).entity(result).build();
    }
}
