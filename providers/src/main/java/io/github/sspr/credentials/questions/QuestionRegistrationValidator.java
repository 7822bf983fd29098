package io.github.sspr.credentials.questions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a user's chosen questions and answers before they are hashed (docs/architecture.md, "Security numbers"): the policy's number of questions,
 * each offered and chosen once, answers 3-40 characters after normalization, no answer given twice, and no answer that
 * repeats a word (3 letters or more) of its question, since such an answer is guessed from the question itself. An
 * answer must also not be something an attacker already knows or guesses first: the account's username or email (or
 * contain them), the user's current password, a {@linkplain CommonAnswers too common answer}, and it must not contain
 * control characters (they cannot be typed again at reset). See docs/registration.md.
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
    public static final String ANSWER_CONTROL = "sspr.questions.error.answerControl";
    public static final String ANSWER_USERNAME = "sspr.questions.error.answerUsername";
    public static final String ANSWER_EMAIL = "sspr.questions.error.answerEmail";
    public static final String ANSWER_COMMON = "sspr.questions.error.answerCommon";
    public static final String ANSWER_PASSWORD = "sspr.questions.error.answerPassword";

    /** Every answer message key, for bundle checks. */
    public static final List<String> MESSAGE_KEYS = List.of(
            COUNT,
            QUESTION_MISSING,
            QUESTION_UNKNOWN,
            QUESTION_DUPLICATE,
            ANSWER_LENGTH,
            ANSWER_DUPLICATE,
            ANSWER_IN_QUESTION,
            ANSWER_CONTROL,
            ANSWER_USERNAME,
            ANSWER_EMAIL,
            ANSWER_COMMON,
            ANSWER_PASSWORD);

    /**
     * Shorter names and email local parts are only refused when the answer equals them, not when it contains them: a
     * two-letter username would otherwise refuse half the dictionary.
     */
    static final int MIN_CONTAINED = 3;

    /** Raw input beyond this is not normalized (it cannot be a valid answer and should not cost anything). */
    private static final int MAX_RAW_ANSWER = 400;

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private QuestionRegistrationValidator() {}

    /** One chosen question and the answer typed for it. */
    public record Entry(String questionId, String answer) {}

    /**
     * What is known about the account whose answers are checked.
     *
     * @param username the account's username (may be null)
     * @param email the account's email (may be null)
     * @param isCurrentPassword whether a raw answer is the user's current password; costs a password hash, so it is
     *     called only for answers that pass every other rule, once per distinct answer, and never with an answer that
     *     cannot be a password (shorter than {@code minPasswordLength})
     * @param minPasswordLength the realm's shortest acceptable password (0 when it sets none)
     */
    public record Account(String username, String email, Predicate<String> isCurrentPassword, int minPasswordLength) {
        /** Nothing known: only the rules that need no account apply. */
        public static final Account NONE = new Account(null, null, answer -> false, 0);
    }

    /**
     * @param entries the user's choices, in form order
     * @param required how many questions the policy asks to register (3-5)
     * @param offeredTexts the offered questions: id to the text the user saw (localized for predefined ones)
     * @return the errors; empty when the registration is acceptable
     */
    public static List<FieldError> validate(List<Entry> entries, int required, Map<String, String> offeredTexts) {
        return validate(entries, required, offeredTexts, Account.NONE);
    }

    /**
     * As {@link #validate(List, int, Map)}, also refusing answers the account gives away (see {@link Account}).
     *
     * @param account the user whose answers these are
     */
    public static List<FieldError> validate(
            List<Entry> entries, int required, Map<String, String> offeredTexts, Account account) {
        if (required < 3 || required > 5) {
            throw new IllegalArgumentException("questions to register must be 3-5, was " + required);
        }
        List<FieldError> errors = new ArrayList<>();
        if (entries.size() != required) {
            errors.add(new FieldError("questions", COUNT, List.of(required)));
        }
        Set<String> seenQuestions = new HashSet<>();
        Set<String> seenAnswers = new HashSet<>();
        Set<String> checkedAgainstPassword = new HashSet<>();
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

            String answerError = answerError(entry.answer(), offeredTexts.get(questionId), seenAnswers, account);
            if (answerError == null
                    && entry.answer().length() >= account.minPasswordLength()
                    && checkedAgainstPassword.add(entry.answer())
                    && account.isCurrentPassword().test(entry.answer())) {
                answerError = ANSWER_PASSWORD;
            }
            if (answerError != null) {
                errors.add(new FieldError(
                        "answer-" + i,
                        answerError,
                        answerError.equals(ANSWER_LENGTH) ? List.of(MIN_ANSWER, MAX_ANSWER) : List.of()));
            }
        }
        return List.copyOf(errors);
    }

    private static String answerError(String raw, String questionText, Set<String> seenAnswers, Account account) {
        if (raw == null || raw.length() > MAX_RAW_ANSWER) {
            return ANSWER_LENGTH;
        }
        if (raw.codePoints().anyMatch(QuestionRegistrationValidator::isControl)) {
            return ANSWER_CONTROL;
        }
        String answer = AnswerNormalizer.normalize(raw);
        int length = AnswerNormalizer.length(answer);
        if (length < MIN_ANSWER || length > MAX_ANSWER) {
            return ANSWER_LENGTH;
        }
        if (questionText != null && sharesQuestionWord(answer, questionText)) {
            return ANSWER_IN_QUESTION;
        }
        String identity = identityError(answer, account);
        if (identity != null) {
            return identity;
        }
        if (CommonAnswers.isCommon(answer)) {
            return ANSWER_COMMON;
        }
        if (!seenAnswers.add(answer)) {
            return ANSWER_DUPLICATE;
        }
        return null;
    }

    /** Control characters (NUL, tab, newline, escape, ...) and unpaired surrogates: nothing a user types back. */
    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.SURROGATE;
    }

    /**
     * The username or email error, the most specific first: the whole username, the whole address (which usually
     * contains the username), then an answer containing the address, the username, or the address's local part.
     */
    private static String identityError(String answer, Account account) {
        String username = AnswerNormalizer.normalize(account.username());
        String email = AnswerNormalizer.normalize(account.email());
        if (!username.isEmpty() && answer.equals(username)) {
            return ANSWER_USERNAME;
        }
        if (!email.isEmpty() && answer.equals(email)) {
            return ANSWER_EMAIL;
        }
        if (givesAway(answer, account.email())) {
            return ANSWER_EMAIL;
        }
        if (givesAway(answer, account.username())) {
            return ANSWER_USERNAME;
        }
        return givesAway(answer, localPart(account.email())) ? ANSWER_EMAIL : null;
    }

    /** Whether the normalized answer is {@code known}, or contains it when it is long enough to mean something. */
    static boolean givesAway(String normalizedAnswer, String known) {
        String normalizedKnown = AnswerNormalizer.normalize(known);
        if (normalizedKnown.isEmpty()) {
            return false;
        }
        if (normalizedAnswer.equals(normalizedKnown)) {
            return true;
        }
        return AnswerNormalizer.length(normalizedKnown) >= MIN_CONTAINED && normalizedAnswer.contains(normalizedKnown);
    }

    private static String localPart(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at > 0 ? email.substring(0, at) : null;
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
