package io.github.sspr.throttle.store;

import io.github.sspr.policy.Method;
import io.github.sspr.throttle.ThrottleRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names {@link Throttle} counts and blocks under (below {@code sspr:<realm id>:}, see {@code Counters}). Phone
 * numbers appear only as a SHA-256 digest (Throttle's class comment says why that is masking, not secrecy).
 */
final class ThrottleKeys {

    private ThrottleKeys() {}

    /** A user's failures at one gate, e.g. {@code gate-failures:u:<id>:sms}. */
    static String failureCounter(ThrottleRule rule, String userId, Method gate) {
        return rule.id() + ":u:" + userId + ":" + gate.id();
    }

    /** A user's code mails, e.g. {@code email-sends:u:<id>}. */
    static String emailCounter(ThrottleRule rule, String userId) {
        return rule.id() + ":u:" + userId;
    }

    /** The block of a user's gate, e.g. {@code gate:u:<id>:sms}. */
    static String gateSubject(String userId, Method gate) {
        return "gate:u:" + userId + ":" + gate.id();
    }

    /** The block of a number ({@code n:<digest>}) or a country ({@code c:DE}). */
    static String phoneSubject(String subject) {
        return "phone:" + subject;
    }

    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
