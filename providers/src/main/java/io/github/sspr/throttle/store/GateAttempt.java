package io.github.sspr.throttle.store;

import io.github.sspr.policy.Method;
import io.github.sspr.throttle.Decision;
import java.util.Objects;

/**
 * One verification at a reset gate, counted before its answer is compared ({@link Throttle#attemptGate}). When
 * {@link #allowed()}, compare the answer, then end the attempt exactly once: {@link #failed()} when it was wrong,
 * {@link #undo()} when it was right or was not compared after all (no code, expired code).
 */
public final class GateAttempt {

    private final Throttle throttle;
    private final String userId;
    private final Method gate;
    private final int number;
    private final Decision admitted;
    private final Decision refusal;
    private boolean ended;

    /** @param admitted the allowed decision, with the attempts left after this one */
    GateAttempt(Throttle throttle, String userId, Method gate, int number, Decision admitted) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.number = number;
        this.admitted = Objects.requireNonNull(admitted, "admitted");
        this.refusal = null;
    }

    private GateAttempt(Decision refusal) {
        this.throttle = null;
        this.userId = null;
        this.gate = null;
        this.number = 0;
        this.admitted = null;
        this.refusal = refusal;
        this.ended = true;
    }

    static GateAttempt refused(Decision refusal) {
        return new GateAttempt(Objects.requireNonNull(refusal, "refusal"));
    }

    /** Whether the answer may be compared. */
    public boolean allowed() {
        return refusal == null;
    }

    /** Allowed (with the attempts left after this one), or the refusal. */
    public Decision decision() {
        return refusal == null ? admitted : refusal;
    }

    /** Why the attempt was refused (blocked gate or over the limit); {@code null} when allowed. */
    public Decision refusal() {
        return refusal;
    }

    /**
     * The answer was wrong: the attempt stays counted.
     *
     * @return allowed with the failures left, or refused when the gate is now blocked
     */
    public Decision failed() {
        end();
        return throttle.failed(userId, gate, number);
    }

    /** The answer was right, or was not compared: the attempt's count is taken back. */
    public void undo() {
        end();
        throttle.undo(userId, gate);
    }

    private void end() {
        if (ended) {
            throw new IllegalStateException("gate attempt already ended or refused");
        }
        ended = true;
    }
}
