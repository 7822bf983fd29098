package io.github.sspr.credentials.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.questions.QuestionRegistrationValidator.Entry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuestionRegistrationValidatorTest {

    private static final Map<String, String> OFFERED = Map.of(
            "first-album", "What was the first album you bought?",
            "first-book", "What was the first book you remember reading on your own?",
            "first-concert", "What was the first concert you went to?",
            "childhood-hero", "Who was your hero when you were a child?",
            "custom-0000000000000001", "Where did you learn to swim?");

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
                        new Entry("first-album", "abc"),
                        new Entry("first-book", "y".repeat(40)),
                        new Entry("first-concert", "   " + "z".repeat(40) + "   ")));
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
}
