package io.github.sspr.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message the demo "sent": one line of {@code .demo/outbox.jsonl}, {@code {"time", "channel", "to", "subject",
 * "body"}} (docs/demo.md, "Messages"). Keycloak's dev SMS/voice sink writes the same shape.
 *
 * @param time when it was sent, written as ISO-8601 UTC
 * @param channel {@code email}, {@code sms} or {@code voice}
 */
record OutboxMessage(Instant time, String channel, String to, String subject, String body) {

    static final String EMAIL = "email";

    private static final ObjectMapper JSON = new ObjectMapper();

    OutboxMessage {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(channel, "channel");
        to = to == null ? "" : to;
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }

    /** The message as one line of JSON, fields in the documented order, without the line break. */
    String toJsonLine() {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", time.toString());
        line.put("channel", channel);
        line.put("to", to);
        line.put("subject", subject);
        line.put("body", body);
        try {
            // Jackson escapes line breaks inside strings, so a multi-line body stays on one line.
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one outbox line; empty when the line is not a JSON object with at least a channel (a half-written or
     * foreign line is skipped, not fatal: the outbox is a file anyone can append to).
     */
    static Optional<OutboxMessage> parse(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("channel").isTextual()) {
            return Optional.empty();
        }
        Instant time;
        try {
            time = Instant.parse(node.path("time").asText());
        } catch (RuntimeException e) {
            time = Instant.EPOCH;
        }
        return Optional.of(new OutboxMessage(
                time,
                node.path("channel").asText(),
                node.path("to").asText(""),
                node.path("subject").asText(""),
                node.path("body").asText("")));
    }
}
