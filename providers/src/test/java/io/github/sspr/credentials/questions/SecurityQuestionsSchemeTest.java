package io.github.sspr.credentials.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityQuestionsSchemeTest {

    private static final List<String> IDS = List.of("q-a", "q-b", "q-c", "q-d", "q-e");
    private static final List<String> ANSWERS = List.of("Thriller", "Matilda", "Queen", "Lake Geneva", "Zorro");

    private final CountingHasher hasher = new CountingHasher();
    private final SecurityQuestionsScheme scheme = new SecurityQuestionsScheme(hasher, new SplittableRandom(3));

    private static Map<String, String> answers(int n) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            answers.put(IDS.get(i), ANSWERS.get(i));
        }
        return answers;
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int n = 3; n <= 5; n++) {
            for (int k = 3; k <= n; k++) {
                shapes.add(Arguments.of(n, k));
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "N={0}, K={1}")
    @MethodSource("shapes")
    void registrationStoresOneHashPerSubset(int n, int k) {
        SecurityQuestionsSecretData secret = scheme.enroll(answers(n), k);

        int expected = binomial(n, k);
        assertEquals(expected, secret.subsets().size());
        assertEquals(expected, hasher.hashes);
        assertEquals(
                expected,
                new HashSet<>(secret.subsets().stream()
                                .map(s -> s.questionIds())
                                .toList())
                        .size());
        for (var subset : secret.subsets()) {
            assertEquals(k, subset.questionIds().size());
            assertEquals(subset.questionIds().stream().sorted().toList(), subset.questionIds());
        }
    }

    @ParameterizedTest(name = "N={0}, K={1}")
    @MethodSource("shapes")
    void verifyingRightAnswersCostsExactlyOneHash(int n, int k) {
        Map<String, String> registered = answers(n);
        SecurityQuestionsSecretData secret = scheme.enroll(registered, k);
        SecurityQuestionsCredentialData data =
                SecurityQuestionsCredentialData.registered(List.copyOf(registered.keySet()), k, 0);

        for (int attempt = 0; attempt < 10; attempt++) {
            List<String> asked = scheme.draw(data, id -> true).orElseThrow();
            Map<String, String> typed = new HashMap<>();
            asked.forEach(id -> typed.put(id, registered.get(id)));
            int before = hasher.calls();

            assertTrue(scheme.verify(secret, asked, typed));
            assertEquals(1, hasher.calls() - before, "hash calls for right answers");
        }
    }

    @ParameterizedTest(name = "N={0}, K={1}")
    @MethodSource("shapes")
    void verifyingWrongAnswersCostsExactlyOneHash(int n, int k) {
        Map<String, String> registered = answers(n);
        SecurityQuestionsSecretData secret = scheme.enroll(registered, k);
        SecurityQuestionsCredentialData data =
                SecurityQuestionsCredentialData.registered(List.copyOf(registered.keySet()), k, 0);
        List<String> asked = scheme.draw(data, id -> true).orElseThrow();

        for (int wrong = 0; wrong < k; wrong++) {
            Map<String, String> typed = new HashMap<>();
            for (String id : asked) {
                typed.put(id, registered.get(id));
            }
            typed.put(asked.get(wrong), "not it");
            int before = hasher.calls();

            assertFalse(scheme.verify(secret, asked, typed));
            assertEquals(1, hasher.calls() - before, "hash calls when answer " + wrong + " is wrong");
        }
        int before = hasher.calls();
        assertFalse(scheme.verify(secret, asked, Map.of()));
        assertEquals(1, hasher.calls() - before, "hash calls when nothing was answered");
    }

    @Test
    void tamperedQuestionListsAreRejectedAfterOneHashAllTheSame() {
        Map<String, String> registered = answers(5);
        SecurityQuestionsSecretData secret = scheme.enroll(registered, 3);

        for (List<String> asked : List.of(
                List.of("q-a", "q-b"), List.of("q-a", "q-a", "q-b"), List.of("q-a", "q-b", "q-z"), List.<String>of())) {
            int before = hasher.calls();
            assertFalse(scheme.verify(secret, asked, registered), asked.toString());
            assertEquals(1, hasher.calls() - before, asked.toString());
        }
        assertFalse(scheme.verify(secret, null, registered));
    }

    @Test
    void answersAreComparedNormalizedAndInAnyOrder() {
        SecurityQuestionsSecretData secret = scheme.enroll(answers(3), 3);

        assertTrue(scheme.verify(
                secret, List.of("q-c", "q-a", "q-b"), Map.of("q-a", "  THRILLER ", "q-b", "matilda", "q-c", "ＱＵＥＥＮ")));
    }

    @Test
    void answersMustBeGivenToTheirOwnQuestions() {
        SecurityQuestionsSecretData secret = scheme.enroll(answers(3), 3);

        assertFalse(scheme.verify(
                secret, List.of("q-a", "q-b", "q-c"), Map.of("q-a", "Matilda", "q-b", "Thriller", "q-c", "Queen")));
    }

    @Test
    void theHashedStringIsUnambiguous() {
        List<String> ids = List.of("q-a", "q-b");

        assertNotEquals(
                SecurityQuestionsScheme.canonical(ids, Map.of("q-a", "ab", "q-b", "c")),
                SecurityQuestionsScheme.canonical(ids, Map.of("q-a", "a", "q-b", "bc")));
        assertNotEquals(
                SecurityQuestionsScheme.canonical(List.of("q-a1", "q-b"), Map.of("q-a1", "x", "q-b", "y")),
                SecurityQuestionsScheme.canonical(List.of("q-a", "q-b"), Map.of("q-a", "1x", "q-b", "y")));
        assertEquals(
                SecurityQuestionsScheme.canonical(ids, Map.of("q-a", "New  York", "q-b", "x")),
                SecurityQuestionsScheme.canonical(ids, Map.of("q-a", "new york", "q-b", "X")));
    }

    @Test
    void drawsAreUniformRandomSubsetsInRandomOrder() {
        SecurityQuestionsCredentialData data = SecurityQuestionsCredentialData.registered(IDS, 3, 0);
        Map<List<String>, Integer> subsets = new HashMap<>();
        Map<String, Integer> firstShown = new HashMap<>();

        for (int i = 0; i < 10_000; i++) {
            List<String> asked = scheme.draw(data, id -> true).orElseThrow();
            assertEquals(3, new HashSet<>(asked).size());
            subsets.merge(asked.stream().sorted().toList(), 1, Integer::sum);
            firstShown.merge(asked.get(0), 1, Integer::sum);
        }

        assertEquals(10, subsets.size(), "every 3-subset of 5 is drawn");
        subsets.values().forEach(count -> assertTrue(count > 850 && count < 1150, "subset count " + count));
        assertEquals(5, firstShown.size(), "every question is sometimes shown first");
    }

    @Test
    void drawsSkipQuestionsThatCannotBeShown() {
        SecurityQuestionsCredentialData data =
                SecurityQuestionsCredentialData.registered(List.of("q-a", "q-b", "q-c", "q-d"), 3, 0);

        for (int i = 0; i < 50; i++) {
            assertFalse(scheme.draw(data, id -> !id.equals("q-b")).orElseThrow().contains("q-b"));
        }
        assertEquals(Optional.empty(), scheme.draw(data, id -> id.compareTo("q-c") < 0));
    }

    @Test
    void registrationRejectsImpossibleShapes() {
        assertThrows(IllegalArgumentException.class, () -> scheme.enroll(answers(2), 2));
        assertThrows(IllegalArgumentException.class, () -> scheme.enroll(answers(3), 4));
        assertThrows(IllegalArgumentException.class, () -> scheme.enroll(answers(4), 2));
        Map<String, String> blank = new HashMap<>(answers(3));
        blank.put("q-a", "   ");
        assertThrows(IllegalArgumentException.class, () -> scheme.enroll(blank, 3));
        assertEquals(0, hasher.hashes);
    }

    @Test
    void subsetsAreAllKCombinationsInOrder() {
        assertEquals(
                List.of(List.of("a", "b", "c"), List.of("a", "b", "d"), List.of("a", "c", "d"), List.of("b", "c", "d")),
                SecurityQuestionsScheme.subsets(List.of("a", "b", "c", "d"), 3));
        assertEquals(
                1, SecurityQuestionsScheme.subsets(List.of("a", "b", "c"), 3).size());
    }

    private static int binomial(int n, int k) {
        int result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
