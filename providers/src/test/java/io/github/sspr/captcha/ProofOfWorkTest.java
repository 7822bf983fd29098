package io.github.sspr.captcha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.otp.InMemoryNoteStore;
import org.junit.jupiter.api.Test;

class ProofOfWorkTest {

    private final InMemoryNoteStore notes = new InMemoryNoteStore();
    private final ProofOfWork pow = new ProofOfWork(notes);

    @Test
    void aSolvedChallengeVerifiesOnceAndOnlyOnce() {
        ProofOfWork.Challenge challenge = pow.issue(12);
        String nonce = ProofOfWork.solve(challenge.value(), challenge.bits());

        assertTrue(pow.verify(nonce));
        assertFalse(pow.verify(nonce), "a challenge is single use");
    }

    @Test
    void aWrongNonceFailsAndBurnsTheChallenge() {
        ProofOfWork.Challenge challenge = pow.issue(12);
        String right = ProofOfWork.solve(challenge.value(), challenge.bits());
        String wrong = firstFailing(challenge.value(), challenge.bits());

        assertFalse(pow.verify(wrong));
        assertFalse(pow.verify(right), "after a wrong try the page must solve a new challenge");
    }

    @Test
    void aNonceForAnotherChallengeFails() {
        ProofOfWork.Challenge first = pow.issue(12);
        String nonce = ProofOfWork.solve(first.value(), first.bits());
        ProofOfWork.Challenge second = pow.issue(12);
        assertNotEquals(first.value(), second.value());
        // The first challenge was replaced: its nonce proves nothing unless it happens to fit the new one too.
        assertEquals(ProofOfWork.leadingZeroBitsOf(second.value(), nonce) >= 12, pow.verify(nonce));
    }

    @Test
    void malformedNoncesAreRefusedWithoutHashing() {
        for (String bad : new String[] {null, "", "12a", "-1", "1".repeat(21), " 1"}) {
            pow.issue(1);
            assertFalse(pow.verify(bad), String.valueOf(bad));
        }
    }

    @Test
    void noChallengeNoPass() {
        assertFalse(pow.verify("0"));
    }

    @Test
    void zeroBitsAcceptsAnythingButStillNeedsAnIssuedChallenge() {
        pow.issue(0);
        assertTrue(pow.verify(null));
        assertFalse(pow.verify(null));
    }

    @Test
    void bitsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> pow.issue(-1));
        assertThrows(IllegalArgumentException.class, () -> pow.issue(ProofOfWork.MAX_BITS + 1));
    }

    @Test
    void leadingZeroBitsCountsAcrossBytes() {
        assertEquals(8 + 3, ProofOfWork.leadingZeroBits(new byte[] {0, 0x10, 0}));
        assertEquals(0, ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80}));
        assertEquals(16, ProofOfWork.leadingZeroBits(new byte[] {0, 0}));
    }

    private static String firstFailing(String challenge, int bits) {
        for (long n = 0; ; n++) {
            if (ProofOfWork.leadingZeroBitsOf(challenge, Long.toString(n)) < bits) {
                return Long.toString(n);
            }
        }
    }
}
