package io.github.sspr.demo;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one place that writes to the terminal, so that Keycloak's log lines, the demo's own lines and multi-line
 * messages never interleave. Keycloak's lines carry a prefix; a message's body is printed as is, so that a link in it
 * stays whole and can be clicked or copied.
 */
final class Console {

    static final String DEMO_PREFIX = "[demo] ";
    static final String KEYCLOAK_PREFIX = "[keycloak] ";

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String RULE = "=".repeat(72);

    private final PrintStream out;

    Console(PrintStream out) {
        this.out = out;
    }

    synchronized void demo(String line) {
        out.println(DEMO_PREFIX + line);
        out.flush();
    }

    synchronized void keycloak(String line) {
        out.println(KEYCLOAK_PREFIX + line);
        out.flush();
    }

    synchronized void block(String text) {
        out.print(text);
        out.flush();
    }

    /** A message as a block of lines: who it went to, the subject, then the body unchanged. */
    static String formatMessage(OutboxMessage message, String outboxName) {
        StringBuilder text = new StringBuilder();
        text.append('\n').append(RULE).append('\n');
        text.append(message.channel().toUpperCase(Locale.ROOT))
                .append(" to ")
                .append(message.to())
                .append("   at ")
                .append(CLOCK.format(message.time()))
                .append('\n');
        if (!message.subject().isEmpty()) {
            text.append("Subject: ").append(message.subject()).append('\n');
        }
        text.append('\n');
        String body = message.body().replace("\r\n", "\n");
        text.append(body);
        if (!body.endsWith("\n")) {
            text.append('\n');
        }
        text.append(RULE).append("\n(also in ").append(outboxName).append(")\n\n");
        return text.toString();
    }
}
