package io.github.sspr.captcha;

import io.github.sspr.otp.NoteStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A CAPTCHA that needs no outside service: the browser must find a nonce such that
 * {@code SHA-256(challenge + ":" + nonce)} starts with {@code bits} zero bits. A person's browser does that once in well
 * under a second (about 2^bits hashes); a script that tries many usernames pays it for every try.
 *
 * <p>The challenge is random, kept in the flow's notes, and single use: {@link #verify} consumes it whatever the
 * answer, so a solved challenge cannot be replayed and a wrong nonce costs a new solve.
 */
public final class ProofOfWork {

    static final String CHALLENGE_NOTE = "sspr.pow.challenge";
    static final String BITS_NOTE = "sspr.pow.bits";

    /** 0 turns the check off; above 24 a slow phone would take too long. */
    public static final int MAX_BITS = 24;

    public static final int DEFAULT_BITS = 16;

    private static final int CHALLENGE_BYTES = 18;
    private static final int MAX_NONCE_LENGTH = 20;

    private final NoteStore notes;
    private final RandomGenerator random;

    public ProofOfWork(NoteStore notes) {
        this(notes, new SecureRandom());
    }

    ProofOfWork(NoteStore notes, RandomGenerator random) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The challenge the page shows; a new one replaces any earlier one. */
    public record Challenge(String value, int bits) {}

    public Challenge issue(int bits) {
        if (bits < 0 || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits must be 0-" + MAX_BITS + ", was " + bits);
        }
        byte[] raw = new byte[CHALLENGE_BYTES];
        random.nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        notes.set(CHALLENGE_NOTE, value);
        notes.set(BITS_NOTE, Integer.toString(bits));
        return new Challenge(value, bits);
    }

    /** Checks the nonce against the current challenge and consumes the challenge. */
    public boolean verify(String nonce) {
        String challenge = notes.get(CHALLENGE_NOTE);
        String bitsNote = notes.get(BITS_NOTE);
        notes.remove(CHALLENGE_NOTE);
        notes.remove(BITS_NOTE);
        if (challenge == null || bitsNote == null) {
            return false;
        }
        int bits;
        try {
            bits = Integer.parseInt(bitsNote);
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits == 0) {
            return true;
        }
        if (nonce == null
                || nonce.isEmpty()
                || nonce.length() > MAX_NONCE_LENGTH
                || !nonce.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return leadingZeroBits(sha256(challenge + ":" + nonce)) >= bits;
    }

    /** What a browser does (used by tests and benchmarks): the smallest nonce that satisfies the challenge. */
    public static String solve(String challenge, int bits) {
        for (long nonce = 0; ; nonce++) {
            String candidate = Long.toString(nonce);
            if (leadingZeroBits(sha256(challenge + ":" + candidate)) >= bits) {
                return candidate;
            }
        }
    }

    static int leadingZeroBitsOf(String challenge, String nonce) {
        return leadingZeroBits(sha256(challenge + ":" + nonce));
    }

    static int leadingZeroBits(byte[] hash) {
        int zeros = 0;
        for (byte b : hash) {
            if (b == 0) {
                zeros += 8;
                continue;
            }
            zeros += Integer.numberOfLeadingZeros(b & 0xff) - 24;
            break;
        }
        return zeros;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
