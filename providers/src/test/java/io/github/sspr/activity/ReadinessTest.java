package io.github.sspr.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    // A valid policy never lets security questions be the only gate.
    private static final SsprPolicy ONE_GATE = SsprPolicy.builder()
            .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE))
            .gatesRequired(1)
            .build();
    private static final SsprPolicy TWO_GATES = SsprPolicy.builder()
            .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS))
            .gatesRequired(2)
            .build();

    @Test
    void aVerifiedEmailIsOneFactor() {
        Readiness readiness = Readiness.of(ONE_GATE, Set.of("password"), true);
        assertTrue(readiness.ready());
        assertEquals(List.of("email"), readiness.registered());
        assertEquals(1, readiness.gatesRequired());
    }

    @Test
    void nothingRegisteredIsNotReady() {
        Readiness readiness = Readiness.of(ONE_GATE, Set.of("password"), false);
        assertFalse(readiness.ready());
        assertEquals(List.of(), readiness.registered());
    }

    @Test
    void smsAndVoiceAreOnePhoneFactor() {
        Readiness readiness = Readiness.of(TWO_GATES, Set.of(Readiness.PHONE_CREDENTIAL), false);
        assertEquals(List.of("sms", "voice"), readiness.registered());
        assertEquals(List.of("phone"), readiness.factors());
        assertFalse(readiness.ready(), "one phone cannot pass two gates");
    }

    @Test
    void twoFactorsPassTwoGates() {
        Readiness readiness =
                Readiness.of(TWO_GATES, Set.of(Readiness.PHONE_CREDENTIAL, Readiness.QUESTIONS_CREDENTIAL), false);
        assertTrue(readiness.ready());
        assertEquals(List.of("knowledge", "phone"), readiness.factors());
    }

    @Test
    void methodsThePolicyDoesNotAllowDoNotCount() {
        SsprPolicy emailOnly =
                ONE_GATE.toBuilder().methods(List.of(Method.EMAIL)).build();
        Readiness readiness = Readiness.of(emailOnly, Set.of(Readiness.PHONE_CREDENTIAL), false);
        assertFalse(readiness.ready());
        assertEquals(List.of(), readiness.registered());
    }
}
