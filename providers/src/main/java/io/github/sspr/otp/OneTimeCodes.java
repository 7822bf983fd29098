package io.github.sspr.otp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time-code core shared by every code channel (email, SMS, voice): makes a code, keeps only a salted,
 * bound hash of it in the flow's notes, and checks what the user types.
 *
 * <p>Rules (docs/architecture.md, "Security numbers"): uniform random digits; stored as HMAC-SHA256 keyed with a
 * fresh random salt over the {@link CodeBinding} and the code; valid for {@link CodeSettings#lifetime()}; single use; dead after
 * {@link CodeSettings#maxTries()} wrong tries; compared in constant time; a new code replaces the old one; at most one
 * send per {@link CodeSettings#resendCooldown()} per purpose and {@link CodeSettings#maxSendsPerFlow()} sends per flow.
 *
 * <p>The code itself is never stored and is returned only once, by {@link #issue}, for the sender. One instance serves
 * one request; it holds no state of its own.
 */
public final class OneTimeCodes {

    /** Flow-wide count of codes sent, over all purposes. */
    static final String SENDS_NOTE = "sspr.otp.sends";

    private static final String PREFIX = "sspr.otp.";
    private static final String MAC = ".mac";
    private static final String SALT = ".salt";
    private static final String EXPIRES = ".exp";
    private static final String TRIES = ".tries";
    private static final String SENT = ".sent";

    private static final String HMAC = "HmacSHA256";
    private static final int SALT_BYTES = 32;
    private static final byte[] DOMAIN = "sspr-otp-v1".getBytes(StandardCharsets.US_ASCII);
    /** Longer input cannot be a code; it is cut so that a huge form field costs nothing to hash. */
    private static final int MAX_INPUT = 64;

    private final NoteStore notes;
    private final CodeSettings settings;
    private final LongSupplier clock;
    private final RandomGenerator random;

    /**
     * @param clock epoch milliseconds
     * @param random source of code digits and salts; anything but a {@link SecureRandom} is for tests only
     */
    public OneTimeCodes(NoteStore notes, CodeSettings settings, LongSupplier clock, RandomGenerator random) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Makes a new code for {@code binding}, replacing (and so invalidating) any earlier code of the same purpose, unless
     * the cooldown or the flow's send cap forbids it. Call it only when the code is about to be sent: every issued code
     * counts against the flow's sends.
     */
    public IssueResult issue(CodeBinding binding) {
        long now = clock.getAsLong();
        int sends = readInt(SENDS_NOTE);
        if (sends >= settings.maxSendsPerFlow()) {
            return IssueResult.sendLimit();
        }
        int sendsLeft = settings.maxSendsPerFlow() - sends;
        String lastSent = notes.get(note(binding, SENT));
        if (lastSent != null) {
            long cooldownMillis = settings.resendCooldown().toMillis();
            long elapsed = now - parseLong(lastSent, Long.MIN_VALUE / 2);
            if (elapsed < cooldownMillis) {
                // elapsed < 0 only when the clock went back (e.g. a test time offset was lowered): wait a full
                // cooldown.
                long waitMillis = Math.min(cooldownMillis, cooldownMillis - elapsed);
                return IssueResult.cooldown(Math.max(1, ceilDiv(waitMillis, 1000)), sendsLeft);
            }
        }

        String code = newCode();
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        long expiresAt = now + settings.lifetime().toMillis();

        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        notes.set(note(binding, SALT), b64.encodeToString(salt));
        notes.set(note(binding, MAC), b64.encodeToString(mac(salt, binding, code)));
        notes.set(note(binding, EXPIRES), Long.toString(expiresAt));
        notes.set(note(binding, TRIES), "0");
        notes.set(note(binding, SENT), Long.toString(now));
        notes.set(SENDS_NOTE, Integer.toString(sends + 1));
        return IssueResult.issued(code, expiresAt, sendsLeft - 1);
    }

    /**
     * Checks {@code input} against the current code of {@code binding}. Spaces and dashes are ignored and full-width
     * digits are read as digits (NFKC), so a pasted {@code 1234 5678} works. Every input that reaches the comparison
     * (including a malformed or empty one) is hashed and compared, so the answer takes the same time whatever was typed.
     */
    public VerifyResult verify(CodeBinding binding, String input) {
        if (readInt(note(binding, TRIES)) >= settings.maxTries()) {
            return VerifyResult.TOO_MANY_TRIES;
        }
        String storedMac = notes.get(note(binding, MAC));
        String storedSalt = notes.get(note(binding, SALT));
        if (storedMac == null || storedSalt == null) {
            return VerifyResult.NO_CODE;
        }
        long expiresAt = parseLong(notes.get(note(binding, EXPIRES)), 0);
        if (clock.getAsLong() >= expiresAt) {
            return VerifyResult.EXPIRED;
        }

        byte[] expected;
        byte[] salt;
        try {
            expected = Base64.getDecoder().decode(storedMac);
            salt = Base64.getDecoder().decode(storedSalt);
        } catch (IllegalArgumentException e) {
            // Notes are written only by us; a corrupt one is treated as no code rather than trusted.
            discard(binding);
            return VerifyResult.NO_CODE;
        }
        byte[] actual = mac(salt, binding, normalizeInput(input));
        // Constant-time: the comparison does not stop at the first differing byte.
        if (MessageDigest.isEqual(expected, actual)) {
            // Single use: the code's state goes; the send time stays so that the cooldown still holds.
            removeCode(binding);
            notes.remove(note(binding, TRIES));
            return VerifyResult.VALID;
        }
        int tries = readInt(note(binding, TRIES)) + 1;
        notes.set(note(binding, TRIES), Integer.toString(tries));
        if (tries >= settings.maxTries()) {
            // The code is dead: drop its hash so that no later input can match it, even if the tries note were lost.
            removeCode(binding);
        }
        return VerifyResult.WRONG;
    }

    /** Wrong tries left for the current code of {@code binding} (0 when it is dead or there is none). */
    public int triesLeft(CodeBinding binding) {
        if (notes.get(note(binding, MAC)) == null) {
            return 0;
        }
        return Math.max(0, settings.maxTries() - readInt(note(binding, TRIES)));
    }

    /** Codes this flow may still send, over all purposes. */
    public int sendsLeft() {
        return Math.max(0, settings.maxSendsPerFlow() - readInt(SENDS_NOTE));
    }

    /** Forgets the current code of {@code binding} (e.g. the user went back and chose another method). */
    public void discard(CodeBinding binding) {
        removeCode(binding);
        notes.remove(note(binding, TRIES));
    }

    private void removeCode(CodeBinding binding) {
        notes.remove(note(binding, MAC));
        notes.remove(note(binding, SALT));
        notes.remove(note(binding, EXPIRES));
    }

    private String newCode() {
        // nextInt(bound) rejects out-of-range draws instead of reducing modulo 10, so every digit is exactly uniform.
        StringBuilder code = new StringBuilder(settings.digits());
        for (int i = 0; i < settings.digits(); i++) {
            code.append((char) ('0' + random.nextInt(10)));
        }
        return code.toString();
    }

    static String normalizeInput(String input) {
        if (input == null) {
            return "";
        }
        String bounded = input.length() > MAX_INPUT ? input.substring(0, MAX_INPUT) : input;
        String nfkc = Normalizer.normalize(bounded, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '-')
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** HMAC-SHA256(salt; domain, userId, authSessionId, tabId, purpose, code), each field length-prefixed. */
    private static byte[] mac(byte[] salt, CodeBinding binding, String code) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(128);
        writeField(message, DOMAIN);
        writeField(message, binding.userId().getBytes(StandardCharsets.UTF_8));
        writeField(message, binding.authSessionId().getBytes(StandardCharsets.UTF_8));
        writeField(message, binding.tabId().getBytes(StandardCharsets.UTF_8));
        writeField(message, binding.purpose().getBytes(StandardCharsets.UTF_8));
        writeField(message, code.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(salt, HMAC));
            return mac.doFinal(message.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A 4-byte length before each field, so that no two different bindings produce the same message. */
    private static void writeField(ByteArrayOutputStream out, byte[] field) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
        out.writeBytes(field);
    }

    private int readInt(String name) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, parseLong(notes.get(name), 0)));
    }

    private static long parseLong(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static String note(CodeBinding binding, String suffix) {
        return PREFIX + binding.purpose() + suffix;
    }
}
