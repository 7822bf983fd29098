package io.github.sspr.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The demo's outbox file, shared with Keycloak's dev SMS/voice sink: both append whole lines with one write in append
 * mode, so lines from the two processes do not interleave.
 */
record Outbox(Path path) {

    Outbox {
        path = path.toAbsolutePath();
    }

    /** Starts a run with an empty outbox: messages of an earlier run would only confuse. */
    void reset() throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[0]);
    }

    synchronized void append(OutboxMessage message) throws IOException {
        byte[] line = (message.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(path, line, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
