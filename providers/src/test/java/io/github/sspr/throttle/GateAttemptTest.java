package io.github.sspr.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.Method;
import io.github.sspr.testing.MutableClock;
import io.github.sspr.testing.Race;
import io.github.sspr.throttle.store.GateAttempt;
import io.github.sspr.throttle.store.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Count first, compare, undo on a match: the gate cap under sequences and races of attempts. */
class GateAttemptTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long START = 1_700_000_000_000L / HOUR.toMillis() * HOUR.toMillis();

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore store = new InMemoryCounterStore(clock);

    private Throttle throttle(int limit, Duration blockFor) {
        ThrottleRules defaults = ThrottleRules.defaults();
        return new Throttle(
                new Counters(store, "realm-1", clock),
                new ThrottleRules(
                        new ThrottleRule(ThrottleRules.GATE_FAILURES, limit, HOUR, blockFor),
                        defaults.emailSends(),
                        defaults.phoneNumberSends(),
                        defaults.phoneCountrySends()));
    }

    /** W = wrong answer, R = right answer, N = not compared (no or expired code); then what the next attempt gets. */
    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("WWWW", 5, true, 1),
                Arguments.of("WWWWW", 5, false, 0),
                Arguments.of("RRRRRRRRRR", 5, true, 5),
                Arguments.of("NNNNNNNNNN", 5, true, 5),
                Arguments.of("WRWRWRWR", 5, true, 1),
                Arguments.of("WRWRWRWRW", 5, false, 0),
                Arguments.of("RWNWRWNW", 5, true, 1),
                Arguments.of("W", 1, false, 0),
                Arguments.of("RRR", 1, true, 1));
    }

    @ParameterizedTest(name = "{0} with limit {1}: next allowed {2}, remaining {3}")
    @MethodSource("sequences")
    void onlyWrongAnswersCount(String outcomes, int limit, boolean nextAllowed, int remaining) {
        Throttle throttle = throttle(limit, Duration.ofHours(24));
        for (char outcome : outcomes.toCharArray()) {
            GateAttempt attempt = throttle.attemptGate("alice", Method.EMAIL);
            assertTrue(attempt.allowed(), outcomes);
            switch (outcome) {
                case 'W' -> attempt.failed();
                case 'R', 'N' -> attempt.undo();
                default -> throw new IllegalArgumentException(outcomes);
            }
        }

        Decision check = throttle.checkGate("alice", Method.EMAIL);

        assertEquals(nextAllowed, check.allowed(), outcomes);
        assertEquals(nextAllowed, throttle.attemptGate("alice", Method.EMAIL).allowed(), outcomes);
        if (nextAllowed) {
            assertEquals(remaining, check.remaining(), outcomes);
        }
    }

    static Stream<Arguments> races() {
        // racers, limit, block (minutes; 0 = refuse until the window ends)
        return Stream.of(
                Arguments.of(16, 5, 1440),
                Arguments.of(16, 5, 0),
                Arguments.of(4, 5, 1440),
                Arguments.of(50, 1, 60),
                Arguments.of(30, 10, 0),
                // Issue 15: 20 parallel wrong guesses against a configured (not the default) cap.
                Arguments.of(20, 3, 1440),
                Arguments.of(20, 7, 0));
    }

    @ParameterizedTest(name = "{0} wrong answers in parallel, limit {1}, block {2} min")
    @MethodSource("races")
    void parallelWrongAnswersAreComparedAtMostLimitTimes(int racers, int limit, int blockMinutes) throws Exception {
        Throttle throttle = throttle(limit, Duration.ofMinutes(blockMinutes));

        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> {
                GateAttempt attempt = throttle.attemptGate("alice", Method.SMS);
                if (!attempt.allowed()) {
                    return false;
                }
                attempt.failed();
                return true;
            });
        }
        List<Boolean> compared = Race.run(tasks);

        assertEquals(Math.min(racers, limit), Collections.frequency(compared, true), compared.toString());
        boolean exhausted = racers >= limit;
        assertEquals(!exhausted, throttle.attemptGate("alice", Method.SMS).allowed());
    }

    static Stream<Arguments> mixedRaces() {
        // racers, limit, every n-th racer's answer is not compared (or right) and is undone
        return Stream.of(
                Arguments.of(20, 3, 2), Arguments.of(20, 5, 3), Arguments.of(40, 5, 2), Arguments.of(20, 1, 4));
    }

    /**
     * Undoing an attempt (a right answer, or one never compared) gives its count back while wrong answers race it:
     * the give-back may let another attempt in, but never more than {@code limit} wrong answers in all.
     */
    @ParameterizedTest(name = "{0} racers, limit {1}, every {2}. undone")
    @MethodSource("mixedRaces")
    void undoneAttemptsRacingWrongOnesNeverLetMoreThanLimitWrongAnswersIn(int racers, int limit, int undoEvery)
            throws Exception {
        Throttle throttle = throttle(limit, Duration.ofHours(24));

        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            boolean undo = i % undoEvery == 0;
            tasks.add(() -> {
                GateAttempt attempt = throttle.attemptGate("alice", Method.EMAIL);
                if (!attempt.allowed()) {
                    return "refused";
                }
                if (undo) {
                    attempt.undo();
                    return "undone";
                }
                attempt.failed();
                return "wrong";
            });
        }
        List<String> outcomes = Race.run(tasks);

        int wrong = Collections.frequency(outcomes, "wrong");
        assertTrue(wrong <= limit, wrong + " wrong answers compared: " + outcomes);
        if (wrong == limit) {
            assertFalse(throttle.checkGate("alice", Method.EMAIL).allowed(), outcomes.toString());
        }
        // Fewer wrong answers than the limit may still end in a block: a racer that found every slot taken while
        // others were still comparing (and later gave theirs back) was refused, and a refusal over the limit blocks.
        // Counting first is what keeps the cap; a block under a race is the conservative side of it.
    }

    @Test
    void withoutABlockTheLimitStillHoldsUntilTheWindowEnds() {
        Throttle throttle = throttle(3, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            throttle.attemptGate("alice", Method.QUESTIONS).failed();
        }

        for (int i = 0; i < 10; i++) {
            assertFalse(throttle.attemptGate("alice", Method.QUESTIONS).allowed(), "attempt " + (i + 4));
        }
        clock.advance(HOUR);
        assertTrue(throttle.attemptGate("alice", Method.QUESTIONS).allowed());
    }

    @Test
    void anAttemptEndsOnce() {
        Throttle throttle = throttle(5, Duration.ofHours(24));
        GateAttempt attempt = throttle.attemptGate("alice", Method.EMAIL);
        attempt.failed();

        assertThrows(IllegalStateException.class, attempt::undo);
        assertThrows(IllegalStateException.class, attempt::failed);
    }
}
