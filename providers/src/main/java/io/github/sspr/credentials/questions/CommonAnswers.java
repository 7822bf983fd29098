package io.github.sspr.credentials.questions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Security-question answers an attacker tries first whatever the question: a small list per shipped language (resources
 * {@code common-answers_<lang>.txt} beside this class), plus answers that are one character repeated ({@code "aaa"})
 * or a run of consecutive digits or letters ({@code "123"}, {@code "4321"}, {@code "abcd"}).
 *
 * <p>Every language's list applies to every user: an attacker does not care which language the page was shown in.
 */
public final class CommonAnswers {

    /** The languages with a list (Keycloak's locale suffixes). */
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "pt_BR", "ja");

    /** Normalized common answers of every language; immutable, loaded once. */
    private static final Set<String> COMMON = load();

    private CommonAnswers() {}

    /** Whether a {@linkplain AnswerNormalizer#normalize normalized} answer is too common to protect anything. */
    public static boolean isCommon(String normalizedAnswer) {
        String compact = normalizedAnswer.replace(" ", "");
        return COMMON.contains(normalizedAnswer)
                || COMMON.contains(compact)
                || oneCharacterRepeated(compact)
                || consecutiveRun(compact);
    }

    static Set<String> list(String language) {
        String name = "common-answers_" + language + ".txt";
        try (InputStream in = CommonAnswers.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Set<String> answers = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String answer = AnswerNormalizer.normalize(line);
                if (!answer.isEmpty() && !answer.startsWith("#")) {
                    answers.add(answer);
                }
            }
            return Set.copyOf(answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> load() {
        Set<String> all = new HashSet<>();
        for (String language : LANGUAGES) {
            all.addAll(list(language));
        }
        return Set.copyOf(all);
    }

    private static boolean oneCharacterRepeated(String compact) {
        return !compact.isEmpty() && compact.codePoints().distinct().count() == 1;
    }

    /** Three or more code points, each one more (or each one less) than the one before: "123", "987", "abcd". */
    private static boolean consecutiveRun(String compact) {
        int[] points = compact.codePoints().toArray();
        if (points.length < 3) {
            return false;
        }
        int step = points[1] - points[0];
        if (step != 1 && step != -1) {
            return false;
        }
        for (int i = 2; i < points.length; i++) {
            if (points[i] - points[i - 1] != step) {
                return false;
            }
        }
        return Character.isLetterOrDigit(points[0]);
    }
}
