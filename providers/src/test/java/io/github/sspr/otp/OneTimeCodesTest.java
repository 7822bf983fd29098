package io.github.sspr.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.testing.MutableClock;
import io.github.sspr.throttle.InMemoryCounterStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class OneTimeCodesTest {

    private static final long START = 1_700_000_000_000L;
    private static final CodeBinding RESET_EMAIL = new CodeBinding("user-1", "root-1", "tab-1", "reset-email");

    private final InMemoryNoteStore notes = new InMemoryNoteStore();
    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore shared = new InMemoryCounterStore(clock);

    private OneTimeCodes codes(CodeSettings settings) {
        return new OneTimeCodes(notes, shared, settings, clock, new SplittableRandom(7));
    }

    private OneTimeCodes emailCodes() {
        return codes(CodeSettings.email());
    }

    @Test
    void emailCodesHaveEightDigitsAndPhoneCodesSix() {
        IssueResult email = emailCodes().issue(RESET_EMAIL);
        IssueResult sms = codes(CodeSettings.phone()).issue(new CodeBinding("user-1", "root-1", "tab-1", "reset-sms"));

        assertTrue(email.code().matches("[0-9]{8}"), "email code");
        assertTrue(sms.code().matches("[0-9]{6}"), "sms code");
    }

    @Test
    void everyDigitIsDrawnWithBoundTenSoThereIsNoModuloBias() {
        ScriptedRandom random = new ScriptedRandom(0, 9, 1, 8, 2, 7, 3, 6);
        OneTimeCodes codes = new OneTimeCodes(notes, shared, CodeSettings.email(), clock, random);

        String code = codes.issue(RESET_EMAIL).code();

        assertEquals("09182736", code, "digits map one to one, leading zero kept");
        assertEquals(List.of(10, 10, 10, 10, 10, 10, 10, 10), random.bounds);
    }

    @Test
    void digitsAreUniformOverManyCodes() {
        // Chi-square over 80,000 digits from seeded generators: deterministic, so the test cannot flake.
        long[] counts = new long[10];
        int leadingZeros = 0;
        for (int i = 0; i < 10_000; i++) {
            InMemoryNoteStore fresh = new InMemoryNoteStore();
            String code = new OneTimeCodes(
                            fresh, shared, CodeSettings.email(), clock, new SplittableRandom(12345L * 31 + i))
                    .issue(RESET_EMAIL)
                    .code();
            for (char c : code.toCharArray()) {
                counts[c - '0']++;
            }
            if (code.charAt(0) == '0') {
                leadingZeros++;
            }
        }
        double expected = 80_000 / 10.0;
        double chiSquare = 0;
        for (long count : counts) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // 9 degrees of freedom: 27.88 is the 0.1 % critical value.
        assertTrue(chiSquare < 27.88, "chi-square " + chiSquare);
        assertTrue(leadingZeros > 800, "codes keep leading zeros: " + leadingZeros);
    }

    @Test
    void onlyASaltedHashIsStoredNeverTheCode() {
        String code = emailCodes().issue(RESET_EMAIL).code();

        Map<String, String> stored = notes.snapshot();
        assertTrue(stored.containsKey("sspr.otp.reset-email.mac"));
        assertTrue(stored.containsKey("sspr.otp.reset-email.salt"));
        for (String value : stored.values()) {
            assertFalse(value.contains(code), "a note holds the code");
        }
    }

    @Test
    void theSameCodeIsHashedDifferentlyEachTimeBecauseOfTheSalt() {
        InMemoryNoteStore first = new InMemoryNoteStore();
        InMemoryNoteStore second = new InMemoryNoteStore();
        ScriptedRandom randomA = new ScriptedRandom(1, 2, 3, 4, 5, 6, 7, 8);
        ScriptedRandom randomB = new ScriptedRandom(1, 2, 3, 4, 5, 6, 7, 8);
        randomB.salt = 99;
        new OneTimeCodes(first, shared, CodeSettings.email(), clock, randomA).issue(RESET_EMAIL);
        new OneTimeCodes(second, shared, CodeSettings.email(), clock, randomB).issue(RESET_EMAIL);

        assertNotEquals(first.get("sspr.otp.reset-email.mac"), second.get("sspr.otp.reset-email.mac"));
    }

    @Test
    void theRightCodeVerifiesOnceOnly() {
        OneTimeCodes codes = emailCodes();
        String code = codes.issue(RESET_EMAIL).code();

        assertEquals(VerifyResult.VALID, codes.verify(RESET_EMAIL, code));
        assertEquals(VerifyResult.NO_CODE, codes.verify(RESET_EMAIL, code));
        assertFalse(notes.snapshot().containsKey("sspr.otp.reset-email.mac"));
    }

    @Test
    void aCodeNeverVerifiesForAnotherUserSessionOrTab() {
        OneTimeCodes codes = emailCodes();
        String code = codes.issue(RESET_EMAIL).code();

        assertEquals(
                VerifyResult.WRONG, codes.verify(new CodeBinding("user-2", "root-1", "tab-1", "reset-email"), code));
        assertEquals(
                VerifyResult.WRONG, codes.verify(new CodeBinding("user-1", "root-2", "tab-1", "reset-email"), code));
        assertEquals(
                VerifyResult.WRONG, codes.verify(new CodeBinding("user-1", "root-1", "tab-2", "reset-email"), code));
        assertEquals(VerifyResult.VALID, codes.verify(RESET_EMAIL, code));
    }

    @Test
    void aCodeNeverVerifiesForAnotherPurposeEvenWhenItsNotesAreCopiedOver() {
        OneTimeCodes codes = emailCodes();
        String code = codes.issue(RESET_EMAIL).code();
        CodeBinding register = new CodeBinding("user-1", "root-1", "tab-1", "register-email");

        assertEquals(VerifyResult.NO_CODE, codes.verify(register, code));

        for (String suffix : List.of(".mac", ".salt", ".exp", ".tries")) {
            notes.set("sspr.otp.register-email" + suffix, notes.get("sspr.otp.reset-email" + suffix));
        }
        assertEquals(VerifyResult.WRONG, codes.verify(register, code));
    }

    @Test
    void aCodeExpiresAtTheEndOfItsLifetime() {
        OneTimeCodes codes = emailCodes();
        IssueResult issued = codes.issue(RESET_EMAIL);
        assertEquals(START + Duration.ofMinutes(5).toMillis(), issued.expiresAtMillis());

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertEquals(VerifyResult.VALID, codes.verify(RESET_EMAIL, issued.code()));

        String second = codes.issue(RESET_EMAIL).code();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(VerifyResult.EXPIRED, codes.verify(RESET_EMAIL, second));
    }

    @Test
    void thePolicysLifetimeApplies() {
        OneTimeCodes codes = codes(CodeSettings.email().withLifetimeMinutes(1));
        String code = codes.issue(RESET_EMAIL).code();

        clock.advance(Duration.ofSeconds(60));

        assertEquals(VerifyResult.EXPIRED, codes.verify(RESET_EMAIL, code));
    }

    @Test
    void fiveWrongTriesKillTheCode() {
        OneTimeCodes codes = emailCodes();
        String code = codes.issue(RESET_EMAIL).code();
        String wrong = wrongCode(code);

        for (int i = 1; i <= 5; i++) {
            assertEquals(VerifyResult.WRONG, codes.verify(RESET_EMAIL, wrong), "try " + i);
            assertEquals(5 - i, codes.triesLeft(RESET_EMAIL));
        }

        assertEquals(VerifyResult.TOO_MANY_TRIES, codes.verify(RESET_EMAIL, code));
        assertFalse(notes.snapshot().containsKey("sspr.otp.reset-email.mac"), "a dead code keeps no hash");
    }

    @Test
    void fourWrongTriesStillLeaveTheRightCodeValid() {
        OneTimeCodes codes = emailCodes();
        String code = codes.issue(RESET_EMAIL).code();

        for (int i = 0; i < 4; i++) {
            codes.verify(RESET_EMAIL, wrongCode(code));
        }

        assertEquals(1, codes.triesLeft(RESET_EMAIL));
        assertEquals(VerifyResult.VALID, codes.verify(RESET_EMAIL, code));
    }

    @Test
    void aResendInvalidatesTheOldCodeAndGivesFreshTries() {
        OneTimeCodes codes = emailCodes();
        String old = codes.issue(RESET_EMAIL).code();
        for (int i = 0; i < 5; i++) {
            codes.verify(RESET_EMAIL, wrongCode(old));
        }
        clock.advance(Duration.ofSeconds(30));

        String fresh = codes.issue(RESET_EMAIL).code();

        assertEquals(5, codes.triesLeft(RESET_EMAIL));
        if (!fresh.equals(old)) {
            assertEquals(VerifyResult.WRONG, codes.verify(RESET_EMAIL, old));
        }
        assertEquals(VerifyResult.VALID, codes.verify(RESET_EMAIL, fresh));
    }

    @Test
    void resendsWaitThirtySecondsPerPurpose() {
        OneTimeCodes codes = emailCodes();
        codes.issue(RESET_EMAIL);

        clock.advance(Duration.ofSeconds(10));
        IssueResult early = codes.issue(RESET_EMAIL);
        assertEquals(IssueResult.Status.COOLDOWN, early.status());
        assertEquals(20, early.retryAfterSeconds());
        assertThrows(IllegalStateException.class, early::code);

        clock.advance(Duration.ofMillis(19_001));
        assertEquals(1, codes.issue(RESET_EMAIL).retryAfterSeconds(), "a part second rounds up");

        assertTrue(codes(CodeSettings.phone())
                .issue(new CodeBinding("user-1", "root-1", "tab-1", "reset-sms"))
                .isIssued());

        clock.advance(Duration.ofMillis(999));
        assertTrue(codes.issue(RESET_EMAIL).isIssued());
    }

    @Test
    void aClockThatWentBackWaitsAFullCooldown() {
        OneTimeCodes codes = emailCodes();
        codes.issue(RESET_EMAIL);

        clock.set(START - Duration.ofMinutes(3).toMillis());

        assertEquals(30, codes.issue(RESET_EMAIL).retryAfterSeconds());
    }

    @Test
    void aFlowSendsAtMostFiveCodesOverAllPurposes() {
        OneTimeCodes email = emailCodes();
        OneTimeCodes sms = codes(CodeSettings.phone());
        CodeBinding resetSms = new CodeBinding("user-1", "root-1", "tab-1", "reset-sms");
        for (int i = 0; i < 3; i++) {
            assertTrue(email.issue(RESET_EMAIL).isIssued());
            clock.advance(Duration.ofSeconds(30));
        }
        IssueResult fourth = sms.issue(resetSms);
        assertEquals(1, fourth.sendsLeft());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(sms.issue(resetSms).isIssued());
        clock.advance(Duration.ofSeconds(30));

        assertEquals(IssueResult.Status.SEND_LIMIT, email.issue(RESET_EMAIL).status());
        assertEquals(IssueResult.Status.SEND_LIMIT, sms.issue(resetSms).status());
        assertEquals(0, email.sendsLeft());
    }

    @Test
    void spacesDashesAndFullWidthDigitsAreAccepted() {
        OneTimeCodes codes = new OneTimeCodes(
                notes, shared, CodeSettings.email(), clock, new ScriptedRandom(1, 2, 3, 4, 5, 6, 7, 8));
        codes.issue(RESET_EMAIL);

        assertEquals(VerifyResult.VALID, codes.verify(RESET_EMAIL, " 1234-5678 "));
        clock.advance(Duration.ofSeconds(30));
        codes.issue(RESET_EMAIL);
        assertEquals(VerifyResult.VALID, codes.verify(RESET_EMAIL, "１２３４ ５６７８"));
    }

    @Test
    void emptyNullAndOverlongInputAreWrongTries() {
        OneTimeCodes codes = emailCodes();
        String code = codes.issue(RESET_EMAIL).code();

        assertEquals(VerifyResult.WRONG, codes.verify(RESET_EMAIL, null));
        assertEquals(VerifyResult.WRONG, codes.verify(RESET_EMAIL, ""));
        assertEquals(VerifyResult.WRONG, codes.verify(RESET_EMAIL, code + "0".repeat(10_000)));
        assertEquals(2, codes.triesLeft(RESET_EMAIL));
    }

    @Test
    void verifyingWithoutAnIssuedCodeSaysSo() {
        assertEquals(VerifyResult.NO_CODE, emailCodes().verify(RESET_EMAIL, "12345678"));
    }

    @Test
    void discardForgetsTheCodeButKeepsTheCooldown() {
        OneTimeCodes codes = emailCodes();
        String code = codes.issue(RESET_EMAIL).code();

        codes.discard(RESET_EMAIL);

        assertEquals(VerifyResult.NO_CODE, codes.verify(RESET_EMAIL, code));
        assertEquals(IssueResult.Status.COOLDOWN, codes.issue(RESET_EMAIL).status());
    }

    @Test
    void theResultNeverPrintsTheCode() {
        IssueResult result = new OneTimeCodes(
                        notes, shared, CodeSettings.email(), clock, new ScriptedRandom(9, 8, 7, 6, 5, 4, 3, 2))
                .issue(RESET_EMAIL);

        assertEquals("98765432", result.code());
        assertFalse(result.toString().contains("98765432"), result.toString());
    }

    @Test
    void inputNormalizationKeepsOnlyWhatCanBeACode() {
        assertEquals("123456", OneTimeCodes.normalizeInput("123 456"));
        assertEquals("123456", OneTimeCodes.normalizeInput("123\u00a0456"));
        assertEquals("12a456", OneTimeCodes.normalizeInput("12a-456"));
        assertEquals("", OneTimeCodes.normalizeInput(null));
        assertEquals(64, OneTimeCodes.normalizeInput("1".repeat(1000)).length());
    }

    private static String wrongCode(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == '9' ? '0' : (char) (last + 1));
    }

    /** Returns scripted digits for {@code nextInt(bound)} and records each bound asked for. */
    static final class ScriptedRandom implements RandomGenerator {
        private final int[] digits;
        private int next;
        long salt = 1;
        final List<Integer> bounds = new ArrayList<>();

        ScriptedRandom(int... digits) {
            this.digits = digits;
        }

        @Override
        public int nextInt(int bound) {
            bounds.add(bound);
            return digits[next++ % digits.length];
        }

        @Override
        public long nextLong() {
            salt = salt * 6364136223846793005L + 1442695040888963407L;
            return salt;
        }
    }
}
