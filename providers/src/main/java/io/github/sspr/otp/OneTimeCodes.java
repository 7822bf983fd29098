package io.github.sspr.otp;

import io.github.sspr.throttle.CounterStore;
import io.github.sspr.throttle.SlotCounter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
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
 * <p>The wrong-try cap holds across a cluster: the flow's notes travel between nodes but are not locked, so two
 * requests on two nodes could both read "4 tries used" and both compare. Each try is therefore counted <em>first</em>,
 * atomically, in the cluster-wide single-use-object store ({@link SlotCounter}, keyed by a digest of the code's random
 * salt), and compared only when its number is within the cap; a right code is then claimed there once, so it is also
 * accepted once however many requests carry it. See docs/cluster.md.
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

    /** Keys in the shared store: {@code sspr:otp:<code id>:t<n>} for the n-th try, {@code …:used} once it matched. */
    private static final String SHARED_PREFIX = "sspr:otp:";

    private static final String SHARED_TRY = ":t";
    private static final String SHARED_USED = ":used";
    /** Shared keys outlive their code by this much, whatever the clock does meanwhile. */
    private static final long SHARED_MARGIN_SECONDS = 60;

    private static final String HMAC = "HmacSHA256";
    private static final int SALT_BYTES = 32;
    private static final byte[] DOMAIN = "sspr-otp-v1".getBytes(StandardCharsets.US_ASCII);
    /** Longer input cannot be a code; it is cut so that a huge form field costs nothing to hash. */
    private static final int MAX_INPUT = 64;

    private final NoteStore notes;
    private final CounterStore shared;
    private final SlotCounter tries;
    private final CodeSettings settings;
    private final LongSupplier clock;
    private final RandomGenerator random;

    /**
     * @param shared the cluster-wide store where tries are counted
     * @param clock epoch milliseconds
     * @param random source of code digits and salts; anything but a {@link SecureRandom} is for tests only
     */
    public OneTimeCodes(
            NoteStore notes, CounterStore shared, CodeSettings settings, LongSupplier clock, RandomGenerator random) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.tries = new SlotCounter(shared);
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
        // Count first, atomically and cluster-wide; only a try within the cap is compared.
        String codeKey = sharedKey(salt);
        long ttl = settings.lifetime().toSeconds() + SHARED_MARGIN_SECONDS;
        int maxTries = settings.maxTries();
        int attempt = tries.claim(codeKey + SHARED_TRY, maxTries, ttl);
        if (attempt > maxTries) {
            removeCode(binding);
            notes.set(note(binding, TRIES), Integer.toString(maxTries));
            return VerifyResult.TOO_MANY_TRIES;
        }
        byte[] actual = mac(salt, binding, normalizeInput(input));
        // Constant-time: the comparison does not stop at the first differing byte.
        if (MessageDigest.isEqual(expected, actual)) {
            // Single use: the code's state goes (the send time stays so that the cooldown still holds), and of
            // requests racing with the right code on several nodes only the first to claim it is accepted. A right
            // code ends the code, so its try needs no undo.
            boolean first = shared.addIfAbsent(codeKey + SHARED_USED, ttl);
            removeCode(binding);
            notes.remove(note(binding, TRIES));
            return first ? VerifyResult.VALID : VerifyResult.NO_CODE;
        }
        notes.set(note(binding, TRIES), Integer.toString(Math.max(attempt, readInt(note(binding, TRIES)))));
        if (attempt >= maxTries) {
            // The code is dead: drop its hash so that no later input can match it, even if the tries note were lost.
            removeCode(binding);
        }
        return VerifyResult.WRONG;
    }

    /** Wrong tries left for the current code of {@code binding} (0 when it is dead or there is none). */
    public int triesLeft(CodeBinding binding) {
        String salt = notes.get(note(binding, SALT));
        if (notes.get(note(binding, MAC)) == null || salt == null) {
            return 0;
        }
        int used;
        try {
            used = tries.count(sharedKey(Base64.getDecoder().decode(salt)) + SHARED_TRY, settings.maxTries());
        } catch (IllegalArgumentException e) {
            return 0;
        }
        return Math.max(0, settings.maxTries() - Math.max(used, readInt(note(binding, TRIES))));
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

    /**
     * The code's name in the shared store: a digest of its random salt, so it is unique per code, reveals nothing of
     * the code or the user, and needs no note of its own.
     */
    private static String sharedKey(byte[] salt) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(DOMAIN);
            byte[] digest = sha256.digest(salt);
            return SHARED_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
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
