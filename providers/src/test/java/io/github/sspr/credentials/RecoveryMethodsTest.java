package io.github.sspr.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.credentials.RecoveryMethods.Need;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryMethodsTest {

    private static final long DAY = 24L * 60 * 60 * 1000;
    private static final long T0 = 1_790_000_000_000L;

    private final SsprPolicy oneGate = SsprPolicy.defaults(); // email, sms, voice; 1 gate; 180 days

    private final SsprPolicy twoGates = SsprPolicy.builder()
            .methods(EnumSet.of(Method.EMAIL, Method.SMS, Method.QUESTIONS))
            .gatesRequired(2)
            .reconfirmDays(30)
            .build();

    @Test
    void nothingRegisteredNeedsRegistration() {
        assertEquals(Need.REGISTER, RecoveryMethods.need(oneGate, Map.of(), T0));
    }

    @Test
    void oneMethodIsEnoughForOneGate() {
        assertEquals(Need.NONE, RecoveryMethods.need(oneGate, Map.of(RecoveryCredential.EMAIL, T0), T0));
    }

    @Test
    void methodsThePolicyDoesNotAllowDoNotCount() {
        assertEquals(Need.REGISTER, RecoveryMethods.need(oneGate, Map.of(RecoveryCredential.QUESTIONS, T0), T0));
    }

    @Test
    void twoGatesNeedTwoFactors() {
        assertEquals(Need.REGISTER, RecoveryMethods.need(twoGates, Map.of(RecoveryCredential.PHONE, T0), T0));
        assertEquals(
                Need.NONE,
                RecoveryMethods.need(
                        twoGates, Map.of(RecoveryCredential.PHONE, T0, RecoveryCredential.QUESTIONS, T0), T0));
    }

    @Test
    void reconfirmationIsDueExactlyAtDayN() {
        Map<RecoveryCredential, Long> registered = Map.of(RecoveryCredential.EMAIL, T0, RecoveryCredential.PHONE, T0);
        assertEquals(Need.NONE, RecoveryMethods.need(twoGates, registered, T0 + 30 * DAY - 1));
        assertEquals(Need.RECONFIRM, RecoveryMethods.need(twoGates, registered, T0 + 30 * DAY));
    }

    @Test
    void theOldestConfirmationCounts() {
        Map<RecoveryCredential, Long> registered =
                Map.of(RecoveryCredential.EMAIL, T0, RecoveryCredential.PHONE, T0 + 20 * DAY);
        assertEquals(Need.RECONFIRM, RecoveryMethods.need(twoGates, registered, T0 + 30 * DAY));
    }

    @Test
    void nothingIsAskedWhenRegistrationIsNotRequired() {
        SsprPolicy optional = oneGate.toBuilder().requireRegistration(false).build();
        assertEquals(Need.NONE, RecoveryMethods.need(optional, Map.of(), T0));
    }

    @Test
    void reconfirmationOffMeansNever() {
        SsprPolicy never = oneGate.toBuilder().reconfirmDays(0).build();
        assertEquals(Need.NONE, RecoveryMethods.need(never, Map.of(RecoveryCredential.EMAIL, 0L), T0));
    }
}
