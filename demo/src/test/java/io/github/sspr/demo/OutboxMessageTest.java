package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxMessageTest {

    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void writesTheDocumentedFieldsInOrderOnOneLine() {
        OutboxMessage message = new OutboxMessage(
                TIME, "email", "carol@demo.sspr.test", "Reset password", "Hello\nhttp://x/?a=1&b=\"2\"\n");

        String line = message.toJsonLine();

        assertEquals(
                "{\"time\":\"2026-01-02T03:04:05.678Z\",\"channel\":\"email\",\"to\":\"carol@demo.sspr.test\","
                        + "\"subject\":\"Reset password\",\"body\":\"Hello\\nhttp://x/?a=1&b=\\\"2\\\"\\n\"}",
                line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void readsBackWhatItWrites() {
        OutboxMessage message = new OutboxMessage(TIME, "sms", "+14155550100", "sms for realm demo", "Code 123456");

        assertEquals(message, OutboxMessage.parse(message.toJsonLine()).orElseThrow());
    }

    @Test
    void readsTheLinesOfKeycloaksDevSink() {
        String line = "{\"time\":\"2026-01-02T03:04:05Z\",\"channel\":\"voice\",\"to\":\"+14155550100\","
                + "\"subject\":\"voice for realm demo\",\"body\":\"Your code is 1 2 3\"}";

        OutboxMessage message = OutboxMessage.parse(line).orElseThrow();

        assertEquals("voice", message.channel());
        assertEquals("+14155550100", message.to());
        assertEquals("Your code is 1 2 3", message.body());
    }

    @Test
    void skipsLinesThatAreNotMessages() {
        assertTrue(OutboxMessage.parse("").isEmpty());
        assertTrue(
                OutboxMessage.parse("{\"time\":\"2026-01-02T03:04:05Z\",\"chan").isEmpty());
        assertTrue(OutboxMessage.parse("[1,2]").isEmpty());
        assertTrue(OutboxMessage.parse("{\"to\":\"x\"}").isEmpty());
    }

    @Test
    void toleratesMissingFieldsAndABadTime() {
        OutboxMessage message = OutboxMessage.parse("{\"channel\":\"sms\",\"time\":\"yesterday\"}")
                .orElseThrow();

        assertEquals(Instant.EPOCH, message.time());
        assertEquals("", message.to());
        assertEquals("", message.body());
    }
}
