package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {

    @Test
    void aMessageBlockKeepsEachBodyLineWholeSoLinksCanBeCopied() {
        String link = "http://localhost:8080/realms/demo/login-actions/action-token?key=abc&client_id=account";
        OutboxMessage mail = new OutboxMessage(
                Instant.now(), "email", "carol@demo.sspr.test", "Reset password", "Click:\n\n" + link);

        String block = Console.formatMessage(mail, ".demo/outbox.jsonl");
        List<String> lines = block.lines().toList();

        assertTrue(lines.stream().anyMatch(l -> l.startsWith("EMAIL to carol@demo.sspr.test")), block);
        assertTrue(lines.contains("Subject: Reset password"), block);
        assertTrue(lines.contains(link), block);
        assertTrue(lines.contains("(also in .demo/outbox.jsonl)"), block);
    }

    @Test
    void anSmsHasNoSubjectLineWhenItHasNoSubject() {
        OutboxMessage sms = new OutboxMessage(Instant.now(), "sms", "+14155550100", "", "Code 123456");

        String block = Console.formatMessage(sms, "outbox");

        assertTrue(block.contains("SMS to +14155550100"), block);
        assertTrue(!block.contains("Subject:"), block);
        assertTrue(block.lines().toList().contains("Code 123456"), block);
    }
}
