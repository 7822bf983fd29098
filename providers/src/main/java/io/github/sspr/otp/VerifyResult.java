package io.github.sspr.otp;

/** The outcome of checking a code a user typed. */
public enum VerifyResult {
    /** The code matched; it is now consumed and cannot be used again. */
    VALID,
    /**
     * The input was compared with the code and did not match (a wrong, malformed or empty input). This is a failed
     * guess: callers count it against the account's throttle. {@link OneTimeCodes#triesLeft} may now be 0.
     */
    WRONG,
    /** The code's lifetime is over; nothing was compared. */
    EXPIRED,
    /** The code's tries are used up, so it is dead; nothing was compared. A new code must be issued. */
    TOO_MANY_TRIES,
    /** No code was issued for this flow and purpose (or it was already used); nothing was compared. */
    NO_CODE
}
