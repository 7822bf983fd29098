package io.github.sspr.throttle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.policy.Method;
import io.github.sspr.testing.MutableClock;
import io.github.sspr.throttle.Counters;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.InMemoryCounterStore;
import io.github.sspr.throttle.ThrottleRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long START = 1_700_000_000_000L / HOUR.toMillis() * HOUR.toMillis();
    private static final long DAY_SECONDS = 86_400;

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore store = new InMemoryCounterStore(clock);

    private Throttle throttle(ThrottleRules rules) {
        return new Throttle(new Counters(store, "realm-1", clock), rules);
    }

    private final Throttle throttle = throttle(ThrottleRules.defaults());

    /** A wrong answer: counted first, compared, found wrong. */
    private static Decision fail(Throttle throttle, String userId, Method gate) {
        GateAttempt attempt = throttle.attemptGate(userId, gate);
        return attempt.allowed() ? attempt.failed() : attempt.refusal();
    }

    @Test
    void gateFailuresAndBlocksAreCountedInTheMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Throttle counted = new Throttle(
                new Counters(store, "realm-1", clock),
                ThrottleRules.defaults(),
                new ActivityMetrics(registry),
                "demo",
                null);
        for (int i = 0; i < 5; i++) {
            fail(counted, "erin", Method.SMS);
        }
        assertEquals(
                5.0,
                registry.get(ActivityMetrics.GATE_FAILURES)
                        .tags("realm", "demo", "method", "sms")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.BLOCKS)
                        .tags("realm", "demo", "rule", ThrottleRules.GATE_FAILURES)
                        .counter()
                        .count());
    }

    @Test
    void theFifthFailureInAnHourBlocksTheGateForADay() {
        for (int i = 1; i <= 4; i++) {
            Decision d = fail(throttle, "alice", Method.QUESTIONS);
            assertTrue(d.allowed());
            assertEquals(5 - i, d.remaining());
        }

        Decision fifth = fail(throttle, "alice", Method.QUESTIONS);

        assertFalse(fifth.allowed());
        assertEquals(ThrottleRules.GATE_FAILURES, fifth.rule());
        assertEquals(DAY_SECONDS, fifth.retryAfterSeconds());
        Decision check = throttle.checkGate("alice", Method.QUESTIONS);
        assertFalse(check.allowed());
        assertEquals(Throttle.GATE_BLOCKED, check.rule());
    }

    @Test
    void aBlockedGateLeavesOtherGatesAndUsersAlone() {
        for (int i = 0; i < 5; i++) {
            fail(throttle, "alice", Method.SMS);
        }

        assertTrue(throttle.checkGate("alice", Method.EMAIL).allowed());
        assertTrue(throttle.checkGate("bob", Method.SMS).allowed());
        assertEquals(5, throttle.checkGate("bob", Method.SMS).remaining());
    }

    @Test
    void theBlockEndsAfterADay() {
        for (int i = 0; i < 5; i++) {
            fail(throttle, "alice", Method.EMAIL);
        }

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertEquals(1, throttle.checkGate("alice", Method.EMAIL).retryAfterSeconds());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.checkGate("alice", Method.EMAIL).allowed());
    }

    @Test
    void failuresAreCountedPerHour() {
        for (int i = 0; i < 4; i++) {
            fail(throttle, "alice", Method.EMAIL);
        }
        clock.advance(HOUR);

        for (int i = 0; i < 4; i++) {
            assertTrue(fail(throttle, "alice", Method.EMAIL).allowed());
        }
        assertTrue(throttle.checkGate("alice", Method.EMAIL).allowed());
    }

    @Test
    void theEleventhEmailInTenMinutesIsRefusedAndBlocksTheEmailGate() {
        for (int i = 1; i <= 10; i++) {
            assertTrue(throttle.tryEmailSend("alice").allowed(), "send " + i);
        }

        Decision eleventh = throttle.tryEmailSend("alice");

        assertFalse(eleventh.allowed());
        assertEquals(ThrottleRules.EMAIL_SENDS, eleventh.rule());
        assertEquals(DAY_SECONDS, eleventh.retryAfterSeconds());
        assertFalse(throttle.checkGate("alice", Method.EMAIL).allowed());
        clock.advance(Duration.ofMinutes(10));
        assertFalse(throttle.tryEmailSend("alice").allowed(), "still blocked in the next window");
    }

    @Test
    void aBlockedEmailGateSendsNothing() {
        for (int i = 0; i < 5; i++) {
            fail(throttle, "alice", Method.EMAIL);
        }

        Decision send = throttle.tryEmailSend("alice");

        assertFalse(send.allowed());
        assertEquals(Throttle.GATE_BLOCKED, send.rule());
    }

    @Test
    void aNumberGetsFiveCodesAnHourThenNothingForADay() {
        for (int i = 1; i <= 5; i++) {
            assertTrue(
                    throttle.tryPhoneSend("alice", Method.SMS, "+4915112345678", "DE")
                            .allowed(),
                    "send " + i);
        }

        Decision sixth = throttle.tryPhoneSend("bob", Method.VOICE, "+4915112345678", "DE");

        assertFalse(sixth.allowed());
        assertEquals(ThrottleRules.PHONE_NUMBER_SENDS, sixth.rule());
        assertEquals(DAY_SECONDS, sixth.retryAfterSeconds());
        assertTrue(throttle.tryPhoneSend("alice", Method.SMS, "+4915199999999", "DE")
                .allowed());
        clock.advance(HOUR);
        assertFalse(throttle.tryPhoneSend("alice", Method.SMS, "+4915112345678", "DE")
                .allowed());
    }

    @Test
    void aCountryCapRefusesUntilTheWindowEnds() {
        ThrottleRules rules = ThrottleRules.read(name -> name.equals("phone-country-sends-limit") ? "3" : null);
        Throttle small = throttle(rules);
        for (int i = 0; i < 3; i++) {
            assertTrue(small.tryPhoneSend("u" + i, Method.SMS, "+23480000000" + i, "NG")
                    .allowed());
        }
        clock.advance(Duration.ofMinutes(20));

        Decision fourth = small.tryPhoneSend("u9", Method.SMS, "+234800000009", "ng");

        assertFalse(fourth.allowed());
        assertEquals(ThrottleRules.PHONE_COUNTRY_SENDS, fourth.rule());
        assertEquals(40 * 60, fourth.retryAfterSeconds());
        assertTrue(small.tryPhoneSend("u9", Method.SMS, "+4915112345678", "DE").allowed());
        clock.advance(Duration.ofMinutes(40));
        assertTrue(small.tryPhoneSend("u9", Method.SMS, "+234800000009", "NG").allowed());
    }

    @Test
    void aBlockedPhoneGateSendsNothing() {
        for (int i = 0; i < 5; i++) {
            fail(throttle, "alice", Method.VOICE);
        }

        assertFalse(throttle.tryPhoneSend("alice", Method.VOICE, "+4915112345678", "DE")
                .allowed());
        assertTrue(throttle.tryPhoneSend("alice", Method.SMS, "+4915112345678", "DE")
                .allowed());
        assertThrows(
                IllegalArgumentException.class,
                () -> throttle.tryPhoneSend("alice", Method.EMAIL, "+4915112345678", "DE"));
    }

    @Test
    void phoneNumbersNeverAppearInKeys() {
        throttle.tryPhoneSend("alice", Method.SMS, "+4915112345678", "DE");

        assertFalse(store.keys().isEmpty());
        for (String key : store.keys()) {
            assertTrue(key.startsWith("sspr:realm-1:"), key);
            assertFalse(key.contains("15112345678"), key);
        }
    }

    @Test
    void aSuccessfulResetClearsTheAccountButNotTheTollFraudCounters() {
        for (int i = 0; i < 5; i++) {
            fail(throttle, "alice", Method.QUESTIONS);
        }
        for (int i = 0; i < 3; i++) {
            fail(throttle, "alice", Method.EMAIL);
            throttle.tryEmailSend("alice");
        }
        for (int i = 0; i < 5; i++) {
            throttle.tryPhoneSend("alice", Method.SMS, "+4915112345678", "DE");
        }

        throttle.clearFor("alice");

        assertTrue(throttle.checkGate("alice", Method.QUESTIONS).allowed());
        assertEquals(5, throttle.checkGate("alice", Method.EMAIL).remaining());
        for (int i = 0; i < 10; i++) {
            assertTrue(throttle.tryEmailSend("alice").allowed());
        }
        assertFalse(throttle.tryPhoneSend("alice", Method.SMS, "+4915112345678", "DE")
                .allowed());
    }

    @Test
    void clearingOneUserLeavesOthersAlone() {
        for (int i = 0; i < 5; i++) {
            fail(throttle, "bob", Method.EMAIL);
        }

        throttle.clearFor("alice");

        assertFalse(throttle.checkGate("bob", Method.EMAIL).allowed());
        assertNull(throttle.checkGate("alice", Method.EMAIL).rule());
    }
}
