package io.github.sspr.delivery.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.delivery.guard.CircuitBreaker.State;
import io.github.sspr.delivery.guard.CircuitBreaker.Transition;
import io.github.sspr.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(1_000_000L);
    private final CircuitBreaker breaker =
            new CircuitBreaker(new CircuitBreaker.Settings(3, Duration.ofMinutes(1), Duration.ofSeconds(30)), clock);

    private Transition failOnce() {
        assertTrue(breaker.tryCall());
        return breaker.failed();
    }

    @Test
    void theThirdFailureInARowOpensItAndNoCallIsLetThrough() {
        assertEquals(Transition.NONE, failOnce());
        assertEquals(Transition.NONE, failOnce());
        assertFalse(breaker.refusing());

        assertEquals(Transition.OPENED, failOnce());

        assertEquals(State.OPEN, breaker.state());
        assertTrue(breaker.refusing());
        assertFalse(breaker.tryCall());
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.tryCall());
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        failOnce();
        failOnce();
        assertTrue(breaker.tryCall());
        assertEquals(Transition.NONE, breaker.succeeded());
        failOnce();
        failOnce();

        assertEquals(State.CLOSED, breaker.state());
        assertEquals(Transition.OPENED, failOnce());
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotOpenIt() {
        failOnce();
        failOnce();
        clock.advance(Duration.ofSeconds(61));

        assertEquals(Transition.NONE, failOnce());
        assertEquals(Transition.NONE, failOnce());
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void afterTheOpenTimeOneTrialCallGoesThroughAndItsSuccessClosesIt() {
        failOnce();
        failOnce();
        failOnce();
        clock.advance(Duration.ofSeconds(30));
        assertFalse(breaker.refusing(), "a request may try: the trial call is its");

        assertTrue(breaker.tryCall(), "the trial call");
        assertEquals(State.HALF_OPEN, breaker.state());
        assertTrue(breaker.refusing());
        assertFalse(breaker.tryCall(), "one trial at a time");

        assertEquals(Transition.CLOSED, breaker.succeeded());
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.tryCall());
    }

    @Test
    void aFailedTrialOpensItAgainForTheWholeTime() {
        failOnce();
        failOnce();
        failOnce();
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.tryCall());

        assertEquals(Transition.NONE, breaker.failed(), "still open: no second 'opened' event");

        assertEquals(State.OPEN, breaker.state());
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.tryCall());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryCall());
    }

    @Test
    void aTrialThatNeverReportsIsGivenUpAfterTheOpenTime() {
        failOnce();
        failOnce();
        failOnce();
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.tryCall());
        clock.advance(Duration.ofSeconds(30));

        assertFalse(breaker.refusing());
        assertTrue(breaker.tryCall(), "another trial");
    }

    @Test
    void callsLetThroughBeforeItOpenedDoNotReopenIt() {
        assertTrue(breaker.tryCall());
        assertTrue(breaker.tryCall());
        failOnce();
        failOnce();
        failOnce();

        assertEquals(Transition.NONE, breaker.failed());
        assertEquals(Transition.NONE, breaker.failed());
        assertEquals(State.OPEN, breaker.state());
    }
}
