package io.github.sspr.delivery.rule;

/**
 * What became of a request to send a code. The code itself never appears here.
 *
 * @param status what happened
 * @param reason a secret-free id for events: {@code cooldown}, {@code send_limit}, the throttle rule that refused
 *     ({@code gate-blocked}, {@code email-sends}, {@code phone-number-sends} …), or why the provider failed
 *     ({@code email_failed}, {@code no_sms_sender}, {@code sms_<reason>}), or why nothing was tried
 *     ({@link #PROVIDER_PAUSED}, {@link #LANE_FULL})
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
        FAILED,
        /**
         * Not tried: the channel cannot send right now (its provider keeps failing, or too many sends wait); another
         * method may work. The same for every name, since it depends on the realm, not the user.
         */
        UNAVAILABLE
    }

    /** The SMS/voice provider keeps failing and is not called for a while (its circuit breaker is open). */
    public static final String PROVIDER_PAUSED = "sms_unavailable";

    /** Too many sends of this channel wait or run on this node. */
    public static final String LANE_FULL = "lane_full";

    /** The provider said this number cannot receive the message (Twilio's 21211 and kin). */
    public static final String NUMBER_CANNOT_RECEIVE = "sms_invalid_number";

    /** Whether a failure {@code reason} means this number cannot receive codes: another send to it cannot work. */
    public static boolean numberCannotReceive(String reason) {
        return NUMBER_CANNOT_RECEIVE.equals(reason);
    }

    /** Whether a failure {@code reason} means the channel is unavailable for now, for everyone. */
    public static boolean channelUnavailable(String reason) {
        return PROVIDER_PAUSED.equals(reason) || LANE_FULL.equals(reason);
    }

    public boolean sent() {
        return status == Status.SENT;
    }
}
