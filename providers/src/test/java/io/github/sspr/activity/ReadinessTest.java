package io.github.sspr.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's view of the policy-for-user rule (the rule itself: ResetAccessTest). */
class ReadinessTest {

    private static final SsprPolicy TWO_GATES = SsprPolicy.builder()
            .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS))
            .gatesRequired(2)
            .build();

    private static Readiness of(SsprPolicy policy, Map<Method, Long> held) {
        return Readiness.of(ResetAccess.decide(policy, new ResetAccess.Facts(true, false, held, "US")));
    }

    @Test
    void smsAndVoiceAreOnePhoneFactor() {
        Readiness readiness = of(TWO_GATES, Map.of(Method.SMS, 1L, Method.VOICE, 1L));
        assertEquals(List.of("sms", "voice"), readiness.registered());
        assertEquals(List.of("phone"), readiness.factors());
        assertFalse(readiness.ready(), "one phone cannot pass two gates");
        assertEquals("too-few-factors", readiness.reason());
    }

    @Test
    void twoFactorsPassTwoGates() {
        Readiness readiness = of(TWO_GATES, Map.of(Method.SMS, 1L, Method.VOICE, 1L, Method.QUESTIONS, 1L));
        assertTrue(readiness.ready());
        assertEquals(List.of("knowledge", "phone"), readiness.factors());
        assertEquals(2, readiness.gatesRequired());
        assertEquals("ready", readiness.reason());
    }

    @Test
    void nothingRegisteredIsNotReadyAndSaysWhy() {
        Readiness readiness = of(SsprPolicy.defaults(), Map.of());
        assertFalse(readiness.ready());
        assertEquals(List.of(), readiness.registered());
        assertEquals("no-method", readiness.reason());
    }
}
