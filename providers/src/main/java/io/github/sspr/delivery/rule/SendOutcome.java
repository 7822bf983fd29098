package io.github.sspr.delivery.rule;

/**
 * What became of a request to send a code. The code itself never appears here.
 *
 * @param status what happened
 * @param reason a secret-free id for events: {@code cooldown}, {@code send_limit}, the throttle rule that refused
 *     ({@code gate-blocked}, {@code email-sends}, {@code phone-number-sends} …), or why the provider failed
 *     ({@code email_failed}, {@code no_sms_sender}, {@code sms_<reason>})
 * @param retryAfterSeconds with {@link Status#COOLDOWN}, {@link Status#BLOCKED} and {@link Status#REFUSED}: when to try
 *     again
 * @param sendsLeft codes this flow may still send
 * @param expiresAtMillis with {@link Status#SENT}: when the code expires
 */
public record SendOutcome(Status status, String reason, long retryAfterSeconds, int sendsLeft, long expiresAtMillis) {

    public enum Status {
        /** Handed to the provider (or, with {@link Purpose.Timing#AFTER_COMMIT}, queued; or, on the decoy path, not). */
        SENT,
        /** A code of this purpose was sent moments ago; wait {@code retryAfterSeconds}. */
        COOLDOWN,
        /** The flow has sent as many codes as it may. */
        SEND_LIMIT,
        /** The account's gate for this method is blocked (failures, or too many code emails). */
        BLOCKED,
        /** This destination or its country is over its cap (toll-fraud guard); another method may still work. */
        REFUSED,
        /** The provider did not take it (only with {@link Purpose.Timing#NOW}). */
        FAILED
    }

    public boolean sent() {
        return status == Status.SENT;
    }
}
