package io.github.sspr.otp;

import java.time.Duration;

/**
 * How codes of one channel are made and checked. Defaults (docs/architecture.md, "Security numbers"): email 8
 * digits, SMS and voice 6 digits, 5 minutes, 5 tries per code, 30 s between sends, 5 sends per flow.
 *
 * @param digits code length (6-10)
 * @param lifetime how long a code stays valid (1 s-10 min; the policy offers whole minutes, 1-10)
 * @param maxTries wrong tries after which the code is dead (1-10)
 * @param resendCooldown minimum time between two sends for the same purpose (0-5 min)
 * @param maxSendsPerFlow codes that one flow (authentication session) may send, over all purposes (1-20)
 */
public record CodeSettings(int digits, Duration lifetime, int maxTries, Duration resendCooldown, int maxSendsPerFlow) {

    /** A code's lifetime is capped: a longer one gives an interceptor more time and a guesser more windows. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_TRIES = 5;
    public static final Duration DEFAULT_RESEND_COOLDOWN = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_SENDS_PER_FLOW = 5;

    /** Bounds of the two per-flow numbers an admin may set (policy {@code codeSendsPerFlow}, {@code codeResendCooldownSeconds}). */
    public static final int MAX_SENDS_PER_FLOW = 20;

    public static final Duration MAX_RESEND_COOLDOWN = Duration.ofMinutes(5);

    public CodeSettings {
        // 6 digits with 5 tries gives a guesser 5 in 10^6 per code; fewer digits would make that too likely.
        if (digits < 6 || digits > 10) {
            throw new IllegalArgumentException("digits must be 6-10, was " + digits);
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime must be more than 0 and at most 10 minutes, was " + lifetime);
        }
        if (maxTries < 1 || maxTries > 10) {
            throw new IllegalArgumentException("maxTries must be 1-10, was " + maxTries);
        }
        if (resendCooldown == null
                || resendCooldown.isNegative()
                || resendCooldown.compareTo(MAX_RESEND_COOLDOWN) > 0) {
            throw new IllegalArgumentException("resendCooldown must be 0-5 minutes, was " + resendCooldown);
        }
        if (maxSendsPerFlow < 1 || maxSendsPerFlow > MAX_SENDS_PER_FLOW) {
            throw new IllegalArgumentException("maxSendsPerFlow must be 1-20, was " + maxSendsPerFlow);
        }
    }

    /** Email codes: 8 digits (an inbox is easier to reach than a phone, so the code is longer). */
    public static CodeSettings email() {
        return new CodeSettings(
                8, DEFAULT_LIFETIME, DEFAULT_MAX_TRIES, DEFAULT_RESEND_COOLDOWN, DEFAULT_MAX_SENDS_PER_FLOW);
    }

    /** SMS and voice codes: 6 digits, which people can read from a text or hear in a call. */
    public static CodeSettings phone() {
        return new CodeSettings(
                6, DEFAULT_LIFETIME, DEFAULT_MAX_TRIES, DEFAULT_RESEND_COOLDOWN, DEFAULT_MAX_SENDS_PER_FLOW);
    }

    /** These settings with the policy's code lifetime. */
    public CodeSettings withLifetimeMinutes(int minutes) {
        if (minutes < 1 || minutes > MAX_LIFETIME.toMinutes()) {
            throw new IllegalArgumentException("code lifetime must be 1-10 minutes, was " + minutes);
        }
        return new CodeSettings(digits, Duration.ofMinutes(minutes), maxTries, resendCooldown, maxSendsPerFlow);
    }

    /** These settings with the policy's per-flow send limit and resend cooldown (docs/throttles.md). */
    public CodeSettings withFlowLimits(int sendsPerFlow, Duration cooldown) {
        return new CodeSettings(digits, lifetime, maxTries, cooldown, sendsPerFlow);
    }
}
