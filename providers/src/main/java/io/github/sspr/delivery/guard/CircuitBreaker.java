package io.github.sspr.delivery.guard;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Stops calling a provider that keeps failing (docs/sms.md, "When the SMS provider fails"): after
 * {@link Settings#failures()} failures in a row within {@link Settings#window()}, the breaker <em>opens</em> and
 * refuses every call for {@link Settings#openFor()}; then it lets one call through (<em>half-open</em>). That call's
 * success closes it, its failure opens it again. While a probe is out, others are refused; a probe that never reports
 * (its thread died) is given up after {@code openFor}, and another is let through.
 *
 * <p>One breaker per realm and provider, on this node only ({@link SendGuards}); thread-safe.
 */
public final class CircuitBreaker {

    /**
     * @param failures consecutive failures that open the breaker (at least 1)
     * @param window the failures must fall within this time of the first
     * @param openFor how long an open breaker refuses every call
     */
    public record Settings(int failures, Duration window, Duration openFor) {
        public Settings {
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be at least 1");
            }
            if (window.isNegative() || window.isZero() || openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("window and openFor must be positive");
            }
        }

        /** 5 failures within a minute open the breaker for 30 seconds. */
        public static Settings defaults() {
            return new Settings(5, Duration.ofMinutes(1), Duration.ofSeconds(30));
        }
    }

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** What a reported result changed: worth an event and a metric when not {@link #NONE}. */
    public enum Transition {
        NONE,
        OPENED,
        CLOSED
    }

    private final Settings settings;
    private final LongSupplier clock;

    private State state = State.CLOSED;
    private int failures;
    private long firstFailureAt;
    private long openUntil;
    private long probeSince;

    /** @param clock milliseconds */
    public CircuitBreaker(Settings settings, LongSupplier clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether a call asked for now would be refused, without claiming anything: what a request checks to tell the
     * user at once that the channel is unavailable.
     */
    public synchronized boolean refusing() {
        long now = clock.getAsLong();
        return switch (state) {
            case CLOSED -> false;
            case OPEN -> now < openUntil;
            case HALF_OPEN -> now < probeSince + settings.openFor().toMillis();
        };
    }

    /** Asks to call the provider now; {@code true} means call it and report the result. */
    public synchronized boolean tryCall() {
        long now = clock.getAsLong();
        switch (state) {
            case CLOSED -> {
                return true;
            }
            case OPEN -> {
                if (now < openUntil) {
                    return false;
                }
            }
            case HALF_OPEN -> {
                if (now < probeSince + settings.openFor().toMillis()) {
                    return false;
                }
            }
        }
        state = State.HALF_OPEN;
        probeSince = now;
        return true;
    }

    /** The provider took the call (or answered in a way that shows it is up). */
    public synchronized Transition succeeded() {
        failures = 0;
        if (state == State.CLOSED) {
            return Transition.NONE;
        }
        state = State.CLOSED;
        return Transition.CLOSED;
    }

    /** The provider failed (an error, a throttle, a timeout). */
    public synchronized Transition failed() {
        long now = clock.getAsLong();
        if (state == State.HALF_OPEN) {
            open(now);
            return Transition.NONE; // still open: the event said so when it opened
        }
        if (state == State.OPEN) {
            return Transition.NONE; // a call let through before it opened
        }
        if (failures == 0 || now - firstFailureAt > settings.window().toMillis()) {
            failures = 0;
            firstFailureAt = now;
        }
        failures++;
        if (failures < settings.failures()) {
            return Transition.NONE;
        }
        open(now);
        return Transition.OPENED;
    }

    public synchronized State state() {
        return state;
    }

    public Settings settings() {
        return settings;
    }

    private void open(long now) {
        state = State.OPEN;
        openUntil = now + settings.openFor().toMillis();
        failures = 0;
    }
}
