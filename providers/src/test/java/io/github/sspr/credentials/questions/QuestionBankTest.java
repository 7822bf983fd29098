package io.github.sspr.credentials.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QuestionBankTest {

    private static Properties messages() throws IOException {
        Properties properties = new Properties();
        try (InputStream in =
                QuestionBankTest.class.getResourceAsStream("/theme-resources/messages/messages_en.properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theBankHasAtLeastTwentyUniqueStableIds() {
        assertTrue(QuestionBank.PREDEFINED_IDS.size() >= 20);
        assertEquals(QuestionBank.PREDEFINED_IDS.size(), new HashSet<>(QuestionBank.PREDEFINED_IDS).size());
        for (String id : QuestionBank.PREDEFINED_IDS) {
            assertTrue(id.matches("[a-z0-9]+(-[a-z0-9]+)*"), id);
            assertFalse(id.startsWith(QuestionBank.CUSTOM_PREFIX), id);
        }
    }

    @Test
    void everyQuestionHasAnEnglishTextAndEveryTextAQuestion() throws IOException {
        Properties messages = messages();
        Set<String> keys = messages.stringPropertyNames().stream()
                .filter(k -> k.startsWith(QuestionBank.MESSAGE_PREFIX))
                .collect(Collectors.toSet());

        Set<String> expected = QuestionBank.PREDEFINED_IDS.stream()
                .map(id -> QuestionBank.MESSAGE_PREFIX + id)
                .collect(Collectors.toSet());
        assertEquals(expected, keys);
        for (String key : keys) {
            assertTrue(messages.getProperty(key).endsWith("?"), key);
        }
    }

    @Test
    void theBankAvoidsQuestionsWithPublicOrFewAnswers() throws IOException {
        Properties messages = messages();
        for (String id : QuestionBank.PREDEFINED_IDS) {
            String text = messages.getProperty(QuestionBank.MESSAGE_PREFIX + id).toLowerCase(Locale.ROOT);
            for (String banned : List.of("colour", "color", "maiden", " pet", "born", "birth", "school did")) {
                assertFalse(text.contains(banned), id + ": " + text);
            }
        }
    }

    @Test
    void registrationErrorsHaveEnglishTexts() throws IOException {
        Properties messages = messages();
        for (String key : QuestionRegistrationValidator.MESSAGE_KEYS) {
            assertTrue(messages.containsKey(key), key);
        }
    }

    @Test
    void defaultOfferLeavesRoomForCustomQuestions() {
        assertTrue(QuestionBank.DEFAULT_OFFERED_IDS.size() >= 5);
        assertTrue(QuestionBank.DEFAULT_OFFERED_IDS.size() < QuestionBank.MAX_OFFERED);
        assertTrue(QuestionBank.PREDEFINED_IDS.containsAll(QuestionBank.DEFAULT_OFFERED_IDS));
    }

    @Test
    void customIdsFollowTheNormalizedText() {
        String id = QuestionBank.customId("What was the name of your first boat?");

        assertTrue(id.matches("custom-[0-9a-f]{16}"), id);
        assertEquals(id, QuestionBank.customId("  what was the NAME of your first   boat? "));
        assertNotEquals(id, QuestionBank.customId("What was the name of your second boat?"));
    }

    @Test
    void offeredListsChosenPredefinedThenCustomQuestions() {
        List<Question> offered =
                QuestionBank.offered(List.of("first-album", "no-such-id", "first-book"), List.of(" Your first boat? "));

        assertEquals(3, offered.size());
        assertEquals("sspr.question.first-album", offered.get(0).messageKey());
        assertEquals("first-book", offered.get(1).id());
        assertTrue(offered.get(2).isCustom());
        assertEquals("Your first boat?", offered.get(2).text(key -> "unused"));
        assertEquals("Album?", offered.get(0).text(key -> key.equals("sspr.question.first-album") ? "Album?" : "?"));
    }

    @Test
    void onlyBankIdsArePredefined() {
        assertTrue(QuestionBank.isPredefined("first-album"));
        assertFalse(QuestionBank.isPredefined("custom-0011223344556677"));
        assertFalse(QuestionBank.isPredefined(null));
        assertThrows(IllegalArgumentException.class, () -> QuestionBank.predefined("favourite-colour"));
    }
}
