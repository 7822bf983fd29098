package io.github.sspr.throttle;

/**
 * The throttle's answer.
 *
 * @param allowed whether the send or verification may go ahead (for a recorded failure: whether more tries remain)
 * @param rule the id of the rule that refused, or {@code null} when allowed
 * @param retryAfterSeconds when refused: whole seconds until the block or window ends; otherwise 0
 * @param remaining when allowed: events left under the tightest rule involved; otherwise 0
 */
public record Decision(boolean allowed, String rule, long retryAfterSeconds, int remaining) {

    /** {@link #rule()} when a gate was already blocked (by failures or by too many emails). */
    public static final String GATE_BLOCKED = "gate-blocked";

    public static Decision allow(int remaining) {
        return new Decision(true, null, 0, Math.max(0, remaining));
    }

    public static Decision deny(String rule, long retryAfterSeconds) {
        return new Decision(false, rule, Math.max(1, retryAfterSeconds), 0);
    }
}
