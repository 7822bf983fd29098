package io.github.sspr.sms.dev;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sspr.sms.SmsSendException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.keycloak.util.JsonSerialization;

/**
 * The demo's outbox: one JSON object per line, {@code {"time","channel","to","subject","body"}}. Each line is written
 * with a single append so that lines from Keycloak and from the demo's mail sink never interleave.
 */
final class Outbox {

    private final Path path;

    Outbox(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    void append(String channel, String to, String subject, String body) throws SmsSendException {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("time", Instant.now().toString());
        line.put("channel", channel);
        line.put("to", to);
        line.put("subject", subject);
        line.put("body", body);
        try {
            byte[] bytes = (JsonSerialization.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(path, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SmsSendException(
                    SmsSendException.Reason.PROVIDER_UNAVAILABLE, "Cannot write the dev outbox " + path, null, e);
        }
    }
}
