package io.github.sspr.delivery.rule;

/**
 * The words of a code text or call, the same for every purpose: the message key and its parameters ({@code {0}} the
 * code as it is read, {@code {1}} the organisation, {@code {2}} the lifetime in words, e.g. "5 minutes"). A voice reads the digits one
 * by one, so they are spaced.
 *
 * @param key the message key, e.g. {@code sspr.reset.voice.text}
 * @param params the message's parameters
 */
public record CodeText(String key, Object[] params) {

    /** The text for {@code purpose} over {@code channel}. */
    public static CodeText of(Purpose purpose, Channel channel, String code, String orgName, String lifetime) {
        String key = "sspr." + purpose.id() + "." + channel.id() + ".text";
        return new CodeText(key, new Object[] {spoken(channel, code), orgName, lifetime});
    }

    /** The code as the channel reads it: digits spaced for a voice ({@code 1 2 3}), as they are for a text. */
    public static String spoken(Channel channel, String code) {
        return channel == Channel.VOICE ? String.join(" ", code.split("")) : code;
    }
}
