package io.github.sspr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifierTest {

    private static final long JAN_2_2026_03_04_UTC = 1_767_323_040_000L;

    @Test
    void theTimeIsWrittenInTheReadersLanguageOnTheUtcClock() {
        String en = Notifier.when(JAN_2_2026_03_04_UTC, Locale.ENGLISH);
        assertTrue(en.contains("January 2, 2026"), en);
        assertTrue(en.contains("3:04"), en);
        String de = Notifier.when(JAN_2_2026_03_04_UTC, Locale.GERMAN);
        assertTrue(de.contains("2. Januar 2026"), de);
        assertTrue(de.contains("03:04"), de);
    }

    @Test
    void aNoticeNeverHoldsNullsAndNeverPrintsAnAddress() {
        Notifier.Notice notice = new Notifier.Notice(
                Notifier.Kind.METHOD_REMOVED,
                null,
                Arrays.asList("email", null),
                new java.util.HashSet<>(Arrays.asList("erin.old@elsewhere.test", null)));
        assertEquals(List.of("email"), notice.methods());
        assertEquals(Set.of("erin.old@elsewhere.test"), notice.formerAddresses());
        assertFalse(notice.toString().contains("erin.old"), notice.toString());

        Notifier.Notice bare = new Notifier.Notice(Notifier.Kind.PASSWORD_RESET, "192.0.2.1", null, null);
        assertEquals(List.of(), bare.methods());
        assertEquals(Set.of(), bare.formerAddresses());
    }

    @Test
    void everyKindHasItsMessageKeys() throws Exception {
        java.util.Properties messages = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/theme-resources/messages/messages_en.properties")) {
            messages.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        for (Notifier.Kind kind : Notifier.Kind.values()) {
            assertTrue(messages.containsKey("sspr.notify.subject." + kind.key()), kind.key());
            assertTrue(messages.containsKey("sspr.notify.body." + kind.key()), kind.key());
        }
        for (String state : List.of("confirm", "done", "revoked", "used", "invalid")) {
            assertTrue(messages.containsKey("sspr.notify.page.title." + state), state);
            assertTrue(messages.containsKey("sspr.notify.page.text." + state), state);
        }
        for (String method : List.of("email", "phone", "sms", "voice", "questions")) {
            assertTrue(messages.containsKey("sspr.notify.method." + method), method);
        }
    }
}
