package io.github.sspr.credentials.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.questions.QuestionRegistrationValidator.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionRegistrationValidatorTest {

    private static final Map<String, String> OFFERED = Map.of(
            "first-album", "What was the first album you bought?",
            "first-book", "What was the first book you remember reading on your own?",
            "first-concert", "What was the first concert you went to?",
            "childhood-hero", "Who was your hero when you were a child?",
            "custom-0000000000000001", "Where did you learn to swim?");

    /** Forty characters that are not a common answer. */
    private static final String FORTY = "Hitchhiker Guide by Douglas Adams, 1979!";

    private static List<FieldError> validate(int required, Entry... entries) {
        return QuestionRegistrationValidator.validate(List.of(entries), required, OFFERED);
    }

    @Test
    void aGoodRegistrationHasNoErrors() {
        assertEquals(
                List.of(),
                validate(
                        3,
                        new Entry("first-album", "Thriller"),
                        new Entry("first-book", "Matilda"),
                        new Entry("custom-0000000000000001", "Lake Geneva")));
    }

    @Test
    void theNumberOfQuestionsMustBeThePolicys() {
        List<FieldError> errors = validate(
                4,
                new Entry("first-album", "Thriller"),
                new Entry("first-book", "Matilda"),
                new Entry("first-concert", "Queen"));

        assertEquals(List.of(new FieldError("questions", QuestionRegistrationValidator.COUNT, List.of(4))), errors);
    }

    @Test
    void thePolicysNumberMustBeThreeToFive() {
        assertThrows(IllegalArgumentException.class, () -> validate(2));
        assertThrows(IllegalArgumentException.class, () -> validate(6));
    }

    @Test
    void answersAreThreeToFortyCharactersAfterNormalization() {
        List<FieldError> errors = validate(
                3,
                new Entry("first-album", "  ab   "),
                new Entry("first-book", "x".repeat(41)),
                new Entry("first-concert", "a  b"));

        assertEquals(
                List.of(
                        new FieldError("answer-0", QuestionRegistrationValidator.ANSWER_LENGTH, List.of(3, 40)),
                        new FieldError("answer-1", QuestionRegistrationValidator.ANSWER_LENGTH, List.of(3, 40))),
                errors);
        assertEquals(
                List.of(),
                validate(
                        3,
                        new Entry("first-album", "Ada"),
                        new Entry("first-book", FORTY),
                        new Entry("first-concert", "   " + "A long walk to Lake Geneva in June 2001!" + "   ")));
    }

    @Test
    void missingAndHugeAnswersAreLengthErrors() {
        List<FieldError> errors = validate(
                3,
                new Entry("first-album", null),
                new Entry("first-book", " ".repeat(100_000) + "abc"),
                new Entry("first-concert", "Queen"));

        assertEquals(
                List.of("answer-0", "answer-1"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void theSameAnswerTwiceIsRejectedAfterNormalization() {
        List<FieldError> errors = validate(
                3,
                new Entry("first-album", "Abbey Road"),
                new Entry("first-book", "abbey   ROAD"),
                new Entry("first-concert", "Queen"));

        assertEquals(List.of(new FieldError("answer-1", QuestionRegistrationValidator.ANSWER_DUPLICATE)), errors);
    }

    @Test
    void anAnswerMustNotRepeatAWordOfItsQuestion() {
        List<FieldError> errors = validate(
                3,
                new Entry("first-album", "my first ALBUM"),
                new Entry("first-book", "Reading"),
                new Entry("childhood-hero", "my dad"));

        assertEquals(
                List.of(
                        new FieldError("answer-0", QuestionRegistrationValidator.ANSWER_IN_QUESTION),
                        new FieldError("answer-1", QuestionRegistrationValidator.ANSWER_IN_QUESTION)),
                errors);
    }

    @Test
    void shortWordsAndPartsOfWordsDoNotCount() {
        // "my" has 2 letters; "swimmer" contains "swim" but is another word.
        assertEquals(
                List.of(),
                validate(
                        3,
                        new Entry("custom-0000000000000001", "my swimmer club"),
                        new Entry("first-book", "Matilda"),
                        new Entry("first-concert", "Queen")));
        assertTrue(QuestionRegistrationValidator.sharesQuestionWord("to learn", "Where did you learn to swim?"));
    }

    @Test
    void questionsMustBeOfferedChosenAndChosenOnce() {
        List<FieldError> errors = validate(
                3,
                new Entry("first-album", "Thriller"),
                new Entry("favourite-colour", "Blue"),
                new Entry(" ", "Queen"),
                new Entry("first-album", "Bad"));

        assertEquals(
                List.of(
                        new FieldError("questions", QuestionRegistrationValidator.COUNT, List.of(3)),
                        new FieldError("question-1", QuestionRegistrationValidator.QUESTION_UNKNOWN),
                        new FieldError("question-2", QuestionRegistrationValidator.QUESTION_MISSING),
                        new FieldError("question-3", QuestionRegistrationValidator.QUESTION_DUPLICATE)),
                errors);
    }

    // --- answers the account gives away (issue 20 item 3) ---------------------------------------------------------

    private static final String PASSWORD = "Correct-Horse-7";

    /** An account whose password check counts its calls, like the real one costs a hash each. */
    private static final class Account {
        final List<String> asked = new ArrayList<>();
        final QuestionRegistrationValidator.Account model = new QuestionRegistrationValidator.Account(
                "jdoe",
                "john.doe@example.com",
                answer -> {
                    asked.add(answer);
                    return PASSWORD.equals(answer);
                },
                8);
    }

    /** One answer in the first slot, with two fine answers after it; the error for slot 0, or null. */
    private static String firstAnswerError(Account account, String answer) {
        List<FieldError> errors = QuestionRegistrationValidator.validate(
                List.of(
                        new Entry("first-album", answer),
                        new Entry("first-book", "Matilda"),
                        new Entry("custom-0000000000000001", "Lake Geneva")),
                3,
                OFFERED,
                account.model);
        return errors.stream()
                .filter(e -> e.field().equals("answer-0"))
                .map(FieldError::messageKey)
                .findFirst()
                .orElse(null);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "OK",
            value = {
                // what the demo accepted before: the password, the username, the email, 123, a NUL
                "Correct-Horse-7                 | sspr.questions.error.answerPassword",
                "jdoe                            | sspr.questions.error.answerUsername",
                "JDOE                            | sspr.questions.error.answerUsername",
                "its jdoe again                  | sspr.questions.error.answerUsername",
                "john.doe@example.com            | sspr.questions.error.answerEmail",
                "mail John.Doe@Example.com today | sspr.questions.error.answerEmail",
                "john.doe                        | sspr.questions.error.answerEmail",
                "123                             | sspr.questions.error.answerCommon",
                "654321                          | sspr.questions.error.answerCommon",
                "abcd                            | sspr.questions.error.answerCommon",
                "zzzz                            | sspr.questions.error.answerCommon",
                "Password                        | sspr.questions.error.answerCommon",
                "I DON'T KNOW                    | sspr.questions.error.answerCommon",
                "keine ahnung                    | sspr.questions.error.answerCommon",
                "je ne sais pas                  | sspr.questions.error.answerCommon",
                "contraseña                      | sspr.questions.error.answerCommon",
                "não sei                         | sspr.questions.error.answerCommon",
                "わからない                        | sspr.questions.error.answerCommon",
                // near misses stay allowed
                "correct-horse-7                 | OK",
                "Thriller                        | OK",
                "jdoerfler street                | sspr.questions.error.answerUsername",
                "1357                            | OK",
                "abd                             | OK",
                "Johnny                          | OK",
            })
    void answersTheAccountGivesAwayAreRefused(String answer, String expected) {
        assertEquals(expected, firstAnswerError(new Account(), answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thr\u0000iller", "tab\there", "new\nline", "esc\u001bape", "del\u007fete", "lone\ud800x"})
    void controlCharactersAreRefused(String escaped) {
        String answer = unescape(escaped);
        assertEquals(QuestionRegistrationValidator.ANSWER_CONTROL, firstAnswerError(new Account(), answer));
    }

    @Test
    void thePasswordIsCheckedOnlyForAnswersThatCouldBeOneOnceEach() {
        Account account = new Account();
        List<FieldError> errors = QuestionRegistrationValidator.validate(
                List.of(
                        new Entry("first-album", "Queen"), // shorter than 8: cannot be the password
                        new Entry("first-book", "123456789"), // refused as common before any hash
                        new Entry("first-concert", "Correct-Horse-7"),
                        new Entry("childhood-hero", "Correct-Horse-7")),
                4,
                OFFERED,
                account.model);

        assertEquals(List.of("Correct-Horse-7"), account.asked);
        assertEquals(
                List.of(
                        new FieldError("answer-1", QuestionRegistrationValidator.ANSWER_COMMON),
                        new FieldError("answer-2", QuestionRegistrationValidator.ANSWER_PASSWORD),
                        new FieldError("answer-3", QuestionRegistrationValidator.ANSWER_DUPLICATE)),
                errors);
    }

    @Test
    void anAddressThatContainsTheUsernameIsReportedAsTheAddress() {
        QuestionRegistrationValidator.Account wren =
                new QuestionRegistrationValidator.Account("wren-1a2b", "wren-1a2b@demo.sspr.test", answer -> false, 0);
        List<FieldError> errors = QuestionRegistrationValidator.validate(
                List.of(
                        new Entry("first-album", "wren-1a2b@demo.sspr.test"),
                        new Entry("first-book", "WREN-1A2B"),
                        new Entry("first-concert", "my wren-1a2b")),
                3,
                OFFERED,
                wren);
        assertEquals(
                List.of(
                        new FieldError("answer-0", QuestionRegistrationValidator.ANSWER_EMAIL),
                        new FieldError("answer-1", QuestionRegistrationValidator.ANSWER_USERNAME),
                        new FieldError("answer-2", QuestionRegistrationValidator.ANSWER_USERNAME)),
                errors);
    }

    @Test
    void shortUsernamesAreRefusedOnlyWhenTheyAreTheWholeAnswer() {
        QuestionRegistrationValidator.Account shortName =
                new QuestionRegistrationValidator.Account("al", null, answer -> false, 0);
        assertEquals(
                List.of(),
                QuestionRegistrationValidator.validate(
                        List.of(
                                new Entry("first-album", "Alabama Shakes"),
                                new Entry("first-book", "Matilda"),
                                new Entry("first-concert", "Queen")),
                        3,
                        OFFERED,
                        shortName));
        assertTrue(QuestionRegistrationValidator.givesAway("al", "AL"));
    }

    @Test
    void everyLanguageHasACommonAnswersList() {
        for (String language : CommonAnswers.LANGUAGES) {
            assertTrue(CommonAnswers.list(language).size() >= 10, language);
        }
    }

    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && escaped.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && escaped.charAt(i + 1) == 't') {
                out.append('\t');
                i++;
            } else if (c == '\\' && escaped.charAt(i + 1) == 'n') {
                out.append('\n');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
