package io.github.sspr.credentials.questions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a user's chosen questions and answers before they are hashed (docs/architecture.md, "Security numbers"):
 * the policy's number of questions, each offered and chosen once, answers 3-40 characters after normalization, no answer given twice, and no answer that
 * repeats a word (3 letters or more) of its question, since such an answer is guessed from the question itself.
 *
 * <p>Fields are {@code question-<i>} and {@code answer-<i>} for the i-th entry (from 0) and {@code questions} for the
 * set as a whole. Each field gets at most one error, the first rule it breaks.
 */
public final class QuestionRegistrationValidator {

    /** Fewest characters in a normalized answer. */
    public static final int MIN_ANSWER = 3;
    /** Most characters in a normalized answer. */
    public static final int MAX_ANSWER = 40;

    public static final String COUNT = "sspr.questions.error.count";
    public static final String QUESTION_MISSING = "sspr.questions.error.questionMissing";
    public static final String QUESTION_UNKNOWN = "sspr.questions.error.questionUnknown";
    public static final String QUESTION_DUPLICATE = "sspr.questions.error.questionDuplicate";
    public static final String ANSWER_LENGTH = "sspr.questions.error.answerLength";
    public static final String ANSWER_DUPLICATE = "sspr.questions.error.answerDuplicate";
    public static final String ANSWER_IN_QUESTION = "sspr.questions.error.answerInQuestion";

    /** Raw input beyond this is not normalized (it cannot be a valid answer and should not cost anything). */
    private static final int MAX_RAW_ANSWER = 400;

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private QuestionRegistrationValidator() {}

    /** One chosen question and the answer typed for it. */
    public record Entry(String questionId, String answer) {}

    /**
     * @param entries the user's choices, in form order
     * @param required how many questions the policy asks to register (3-5)
     * @param offeredTexts the offered questions: id to the text the user saw (localized for predefined ones)
     * @return the errors; empty when the registration is acceptable
     */
    public static List<FieldError> validate(List<Entry> entries, int required, Map<String, String> offeredTexts) {
        if (required < 3 || required > 5) {
            throw new IllegalArgumentException("questions to register must be 3-5, was " + required);
        }
        List<FieldError> errors = new ArrayList<>();
        if (entries.size() != required) {
            errors.add(new FieldError("questions", COUNT, List.of(required)));
        }
        Set<String> seenQuestions = new HashSet<>();
        Set<String> seenAnswers = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String questionId =
                    entry.questionId() == null ? "" : entry.questionId().strip();
            String questionError = null;
            if (questionId.isEmpty()) {
                questionError = QUESTION_MISSING;
            } else if (!offeredTexts.containsKey(questionId)) {
                questionError = QUESTION_UNKNOWN;
            } else if (!seenQuestions.add(questionId)) {
                questionError = QUESTION_DUPLICATE;
            }
            if (questionError != null) {
                errors.add(new FieldError("question-" + i, questionError));
            }

            String answerError = answerError(entry.answer(), offeredTexts.get(questionId), seenAnswers);
            if (answerError != null) {
                errors.add(new FieldError(
                        "answer-" + i,
                        answerError,
                        answerError.equals(ANSWER_LENGTH) ? List.of(MIN_ANSWER, MAX_ANSWER) : List.of()));
            }
        }
        return List.copyOf(errors);
    }

    private static String answerError(String raw, String questionText, Set<String> seenAnswers) {
        if (raw == null || raw.length() > MAX_RAW_ANSWER) {
            return ANSWER_LENGTH;
        }
        String answer = AnswerNormalizer.normalize(raw);
        int length = AnswerNormalizer.length(answer);
        if (length < MIN_ANSWER || length > MAX_ANSWER) {
            return ANSWER_LENGTH;
        }
        if (questionText != null && sharesQuestionWord(answer, questionText)) {
            return ANSWER_IN_QUESTION;
        }
        if (!seenAnswers.add(answer)) {
            return ANSWER_DUPLICATE;
        }
        return null;
    }

    /**
     * Whether a word of the answer is a word of 3 or more letters of the question. Words are compared whole (after
     * normalization), so "born" in the question rejects the answer "born in Oslo" but not "Bornholm".
     */
    static boolean sharesQuestionWord(String normalizedAnswer, String questionText) {
        Set<String> questionWords = new HashSet<>();
        for (String word : NON_WORD.split(AnswerNormalizer.normalize(questionText))) {
            if (word.codePoints().filter(Character::isLetter).count() >= 3) {
                questionWords.add(word);
            }
        }
        for (String word : NON_WORD.split(normalizedAnswer)) {
            if (questionWords.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
