package io.github.sspr.reset;

import io.github.sspr.credentials.questions.AnswerHasher;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsScheme;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The security-questions part of one gate request: draw, check, and the decoy's check. It costs exactly one password
 * hash per answer set, right or wrong, real account or decoy, whatever K; drawing and showing cost none
 * (docs/security-questions.md). {@code QuestionGateHashCountTest} counts it.
 */
final class QuestionGate {

    private final SecurityQuestionsScheme scheme;
    private final AnswerHasher hasher;
    private final SecurityQuestionsCredentialData questions;
    private final SecurityQuestionsSecretData secrets;
    private final Map<String, Question> known;

    /**
     * @param questions the registered questions (or the decoy's made-up ones), {@code null} when there are none
     * @param secrets the answer hashes, {@code null} on the decoy path
     * @param known every question a registration may name ({@link GatePage#knownQuestions})
     */
    QuestionGate(
            AnswerHasher hasher,
            SecurityQuestionsCredentialData questions,
            SecurityQuestionsSecretData secrets,
            Map<String, Question> known) {
        this.hasher = hasher;
        this.scheme = new SecurityQuestionsScheme(hasher);
        this.questions = questions;
        this.secrets = secrets;
        this.known = known;
    }

    /** K of the registered questions that can still be shown; no hash. */
    Optional<List<String>> draw() {
        return questions == null ? Optional.empty() : scheme.draw(questions, known::containsKey);
    }

    /** One hash, whatever the answers ({@link SecurityQuestionsScheme#verify}). */
    boolean right(List<String> asked, Map<String, String> answers) {
        return secrets != null && scheme.verify(secrets, asked, answers);
    }

    /** The decoy's check: one hash of what was typed, as long as a real check takes. */
    void burn(Map<String, String> answers) {
        hasher.hash(String.join(
                "\u0000", answers.values().stream().map(a -> a == null ? "" : a).toList()));
    }
}
