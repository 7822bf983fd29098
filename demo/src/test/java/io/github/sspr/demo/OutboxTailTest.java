package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTailTest {

    @TempDir
    Path dir;

    private final List<OutboxMessage> seen = new ArrayList<>();

    private static String line(String channel, String body) {
        return new OutboxMessage(Instant.parse("2026-01-02T03:04:05Z"), channel, "+14155550100", "s", body).toJsonLine()
                + "\n";
    }

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void followsAppendedLinesAndWaitsForTheRestOfAHalfWrittenOne() throws IOException {
        Path file = dir.resolve("outbox.jsonl");
        OutboxTail tail = new OutboxTail(file, seen::add);

        tail.poll(); // no file yet: nothing, no error
        append(file, line("sms", "first"));
        String second = line("voice", "second");
        append(file, second.substring(0, 20));
        tail.poll();
        assertEquals(List.of("first"), seen.stream().map(OutboxMessage::body).toList());

        append(file, second.substring(20));
        tail.poll();
        assertEquals(
                List.of("first", "second"),
                seen.stream().map(OutboxMessage::body).toList());
    }

    @Test
    void startsOverWhenTheFileIsEmptied() throws IOException {
        Path file = dir.resolve("outbox.jsonl");
        OutboxTail tail = new OutboxTail(file, seen::add);
        append(file, line("sms", "old run, a long body that makes the file longer"));
        tail.poll();

        Files.write(file, new byte[0]);
        append(file, line("sms", "new"));
        tail.poll();

        assertEquals(
                List.of("old run, a long body that makes the file longer", "new"),
                seen.stream().map(OutboxMessage::body).toList());
    }

    @Test
    void outboxResetEmptiesTheFileAndAppendAddsOneLinePerMessage() throws IOException {
        Outbox outbox = new Outbox(dir.resolve("sub/outbox.jsonl"));
        outbox.reset();
        outbox.append(OutboxMessage.parse(line("email", "a")).orElseThrow());
        outbox.append(OutboxMessage.parse(line("email", "b")).orElseThrow());

        List<String> lines = Files.readAllLines(outbox.path());
        assertEquals(2, lines.size());
        assertEquals(line("email", "b").strip(), lines.get(1));

        outbox.reset();
        assertEquals(0, Files.size(outbox.path()));
    }
}
