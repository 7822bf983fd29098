package io.github.sspr.sms;

import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.rule.Channel;
import java.util.Locale;
import java.util.Objects;

/**
 * A message to one phone number.
 *
 * @param channel SMS text or a voice call that reads {@code text} aloud
 * @param to the destination in E.164 form, e.g. {@code +14155550100}
 * @param text what is sent or spoken; it may carry a one-time code, so it is never logged
 * @param locale the language of {@code text}; a voice call is spoken in it
 */
public record OutboundMessage(Channel channel, String to, String text, Locale locale) {

    public OutboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    @Override
    public String toString() {
        // The text can carry a code: keep it out of every log line and exception message.
        return "OutboundMessage[" + channel.id() + " to " + PhoneNumbers.mask(to) + "]";
    }
}
