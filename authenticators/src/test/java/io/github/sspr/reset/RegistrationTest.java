package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.Method;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private static Registration with(Method... methods) {
        Map<Method, Registration.Entry> entries = new EnumMap<>(Method.class);
        for (Method m : methods) {
            entries.put(m, new Registration.Entry(m, "masked-" + m.id(), null));
        }
        return Registration.decoy(entries, null);
    }

    @Test
    void securityQuestionsAreNeverTheOnlyGate() {
        Registration r = with(Method.EMAIL, Method.QUESTIONS);
        assertEquals(List.of(Method.EMAIL), List.copyOf(r.offered(List.of(), 1).keySet()));
        assertFalse(with(Method.QUESTIONS).canPass(1));
        assertFalse(with(Method.QUESTIONS).canPass(2));
    }

    @Test
    void theSecondGateMustBeAnotherFactorAndSmsAndVoiceAreOnePhone() {
        Registration r = with(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS);
        assertEquals(
                List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS),
                List.copyOf(r.offered(List.of(), 2).keySet()));
        assertEquals(
                List.of(Method.EMAIL, Method.QUESTIONS),
                List.copyOf(r.offered(List.of(Method.SMS), 2).keySet()),
                "after a text, a call to the same phone proves nothing new");
        assertEquals(
                List.of(Method.SMS, Method.VOICE, Method.QUESTIONS),
                List.copyOf(r.offered(List.of(Method.EMAIL), 2).keySet()));
    }

    @Test
    void twoGatesNeedTwoFactorsOneOfThemNotKnowledge() {
        assertTrue(with(Method.EMAIL).canPass(1));
        assertFalse(with(Method.EMAIL).canPass(2));
        assertFalse(with(Method.SMS, Method.VOICE).canPass(2), "one phone is one factor");
        assertTrue(with(Method.EMAIL, Method.SMS).canPass(2));
        assertTrue(with(Method.EMAIL, Method.QUESTIONS).canPass(2));
    }

    @Test
    void questionsFirstOnlyWhenAnotherFactorCanFollow() {
        assertEquals(
                List.of(Method.EMAIL, Method.QUESTIONS),
                List.copyOf(with(Method.EMAIL, Method.QUESTIONS)
                        .offered(List.of(), 2)
                        .keySet()));
        assertEquals(
                List.of(Method.EMAIL),
                List.copyOf(with(Method.EMAIL, Method.QUESTIONS)
                        .offered(List.of(Method.QUESTIONS), 2)
                        .keySet()));
    }
}
