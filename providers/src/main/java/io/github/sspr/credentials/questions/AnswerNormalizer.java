package io.github.sspr.credentials.questions;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts security-question answers (and question texts, for comparisons) in one canonical form, so that
 * {@code "  New   York"}, {@code "new york"} and {@code "ＮＥＷ ＹＯＲＫ"} are the same answer: Unicode NFKC, case-folded,
 * trimmed, inner whitespace collapsed to one space.
 */
public final class AnswerNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private AnswerNormalizer() {}

    /** The canonical form of {@code text}; {@code null} becomes {@code ""}. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // Upper- then lower-casing with the root locale approximates Unicode case folding without locale surprises:
        // "Straße" and "STRASSE" meet at "strasse", and a Turkish user's "I" is not turned into a dotless "ı".
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        // Case mapping can produce sequences that NFKC composes (e.g. "İ" -> "i" + combining dot), so normalize again.
        String recomposed = Normalizer.normalize(folded, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(recomposed).replaceAll(" ").strip();
    }

    /** Length in code points, which is what users count as characters. */
    public static int length(String normalized) {
        return normalized.codePointCount(0, normalized.length());
    }
}
