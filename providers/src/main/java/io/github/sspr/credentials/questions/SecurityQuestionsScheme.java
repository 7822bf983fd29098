package io.github.sspr.credentials.questions;

import io.github.sspr.credentials.questions.SecurityQuestionsSecretData.SubsetHash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * How security-question answers are stored and checked so that a reset costs about one password hash
 * (docs/architecture.md, "Security numbers").
 *
 * <p>At registration the user answers N questions (3-5) and a reset will ask K of them (3-5, K ≤ N). For every
 * K-subset of the N questions, one password hash is stored over that subset's K normalized answers in canonical order
 * (sorted by question id, each id and answer length-prefixed). At a reset K questions are drawn at random, the K
 * answers are hashed once and compared with the stored hash of exactly that subset.
 *
 * <p>Why: hashing each answer separately at full cost makes the gate K times slower than a login and lets timing
 * show which answer failed; hashing them together costs one hash whatever K is and whether the answers are right or
 * wrong, and reveals only "all right" or "not all right". The price is paid once, at registration: C(N, K) hashes,
 * at most C(5, 3) = 10. An offline attacker with the database must guess K answers jointly for a subset.
 */
public final class SecurityQuestionsScheme {

    /** Fewest and most questions registered or asked. */
    public static final int MIN_QUESTIONS = 3;

    public static final int MAX_QUESTIONS = 5;

    private static final String DOMAIN = "sspr-questions-v1";
    /** Raw answers longer than this cannot be right (40 characters at most) and are cut before normalizing. */
    private static final int MAX_RAW_ANSWER = 256;

    private final AnswerHasher hasher;
    private final RandomGenerator random;

    public SecurityQuestionsScheme(AnswerHasher hasher) {
        this(hasher, new SecureRandom());
    }

    /** @param random draws the asked questions; anything but a {@link SecureRandom} is for tests only */
    public SecurityQuestionsScheme(AnswerHasher hasher, RandomGenerator random) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Hashes every K-subset of the registered answers. Answers should have passed {@link QuestionRegistrationValidator}.
     *
     * @param answers question id to the answer as typed (normalized here)
     * @param answersRequired K, the number of questions a reset will ask
     */
    public SecurityQuestionsSecretData enroll(Map<String, String> answers, int answersRequired) {
        int n = answers.size();
        if (n < MIN_QUESTIONS || n > MAX_QUESTIONS) {
            throw new IllegalArgumentException("register 3-5 answers, got " + n);
        }
        if (answersRequired < MIN_QUESTIONS || answersRequired > n) {
            throw new IllegalArgumentException("ask 3-" + n + " questions, got " + answersRequired);
        }
        List<String> ids = answers.keySet().stream().sorted().toList();
        for (String id : ids) {
            if (AnswerNormalizer.normalize(answers.get(id)).isEmpty()) {
                throw new IllegalArgumentException("empty answer for question " + id);
            }
        }
        List<SubsetHash> subsets = new ArrayList<>();
        for (List<String> subset : subsets(ids, answersRequired)) {
            subsets.add(new SubsetHash(subset, hasher.hash(canonical(subset, answers))));
        }
        return new SecurityQuestionsSecretData(subsets);
    }

    /**
     * Draws K of the registered questions uniformly at random, in the random order to show them. Draw again after a
     * wrong answer, so that a guesser cannot work on a fixed set.
     *
     * @param usable which questions can still be shown (e.g. a custom question the admin removed cannot)
     * @return the ids to ask, or empty when fewer than K usable questions are left (the user must register again)
     */
    public Optional<List<String>> draw(SecurityQuestionsCredentialData data, Predicate<String> usable) {
        List<String> pool = new ArrayList<>();
        for (String id : data.questionIds()) {
            if (usable.test(id) && !pool.contains(id)) {
                pool.add(id);
            }
        }
        int k = data.answersRequired();
        if (k < MIN_QUESTIONS || pool.size() < k) {
            return Optional.empty();
        }
        // Partial Fisher-Yates: the first k places become a uniform random k-subset in uniform random order.
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(pool.size() - i);
            String swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
        }
        return Optional.of(List.copyOf(pool.subList(0, k)));
    }

    /**
     * Checks the answers to the asked questions with exactly one password hash, right or wrong. When the asked ids do not
     * name a stored subset (a tampered form, or data from another registration), the answers are still hashed once
     * against a stored hash, and the result is false.
     *
     * @param asked the ids that were drawn for this attempt
     * @param answers question id to the answer as typed; missing answers count as empty
     */
    public boolean verify(SecurityQuestionsSecretData secret, List<String> asked, Map<String, String> answers) {
        if (secret.subsets().isEmpty()) {
            return false;
        }
        List<String> sorted =
                asked == null ? List.of() : asked.stream().sorted().toList();
        boolean wellFormed = !sorted.isEmpty() && new HashSet<>(sorted).size() == sorted.size();
        Optional<SubsetHash> stored = wellFormed ? secret.find(sorted) : Optional.empty();
        SubsetHash target = stored.orElse(secret.subsets().get(0));
        boolean matches = hasher.verify(canonical(sorted, answers), target.hash());
        return stored.isPresent() && matches;
    }

    /**
     * The hashed string: a domain tag, then for each question in {@code sortedIds} its id and its normalized answer, each
     * written as {@code <length>:<text>} so that no two different answer sets give the same string.
     */
    static String canonical(List<String> sortedIds, Map<String, String> answers) {
        StringBuilder out = new StringBuilder(DOMAIN);
        for (String id : sortedIds) {
            String raw = answers.get(id);
            if (raw != null && raw.length() > MAX_RAW_ANSWER) {
                raw = raw.substring(0, MAX_RAW_ANSWER);
            }
            String answer = AnswerNormalizer.normalize(raw);
            out.append(id.length()).append(':').append(id);
            out.append(answer.length()).append(':').append(answer);
        }
        return out.toString();
    }

    /** Every k-subset of {@code sortedIds}, each sorted, in lexicographic order. */
    static List<List<String>> subsets(List<String> sortedIds, int k) {
        List<List<String>> result = new ArrayList<>();
        int n = sortedIds.size();
        int[] index = new int[k];
        for (int i = 0; i < k; i++) {
            index[i] = i;
        }
        while (true) {
            List<String> subset = new ArrayList<>(k);
            for (int i : index) {
                subset.add(sortedIds.get(i));
            }
            result.add(List.copyOf(subset));
            int i = k - 1;
            while (i >= 0 && index[i] == n - k + i) {
                i--;
            }
            if (i < 0) {
                return result;
            }
            index[i]++;
            for (int j = i + 1; j < k; j++) {
                index[j] = index[j - 1] + 1;
            }
        }
    }
}
