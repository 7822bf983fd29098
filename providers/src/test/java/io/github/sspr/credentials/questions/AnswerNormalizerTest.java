package io.github.sspr.credentials.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnswerNormalizerTest {

    @Test
    void trimsAndCollapsesEveryKindOfWhitespace() {
        assertEquals("new york", AnswerNormalizer.normalize("  New \t  York \n"));
        assertEquals("new york", AnswerNormalizer.normalize("New\u00a0York"));
        assertEquals("new york", AnswerNormalizer.normalize("New\u3000\u2003York"));
    }

    @Test
    void foldsCase() {
        assertEquals(AnswerNormalizer.normalize("straße"), AnswerNormalizer.normalize("STRASSE"));
        assertEquals(AnswerNormalizer.normalize("ΟΔΟΣ"), AnswerNormalizer.normalize("οδος"));
        assertEquals("istanbul", AnswerNormalizer.normalize("ISTANBUL"));
    }

    @Test
    void appliesCompatibilityNormalization() {
        assertEquals("new york 42", AnswerNormalizer.normalize("ＮＥＷ　ＹＯＲＫ　４２"));
        assertEquals("file", AnswerNormalizer.normalize("\ufb01le"));
        assertEquals(AnswerNormalizer.normalize("Café"), AnswerNormalizer.normalize("Cafe\u0301"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", AnswerNormalizer.normalize(null));
        assertEquals("", AnswerNormalizer.normalize(" \t "));
    }

    @Test
    void lengthCountsCodePoints() {
        assertEquals(3, AnswerNormalizer.length("a😀b"));
        assertEquals(4, "a😀b".length());
    }
}
