package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdPasswordPolicyTest {

    private static final AdPasswordPolicy DOMAIN =
            new AdPasswordPolicy(12, 24, AdPasswordPolicy.interval("-864000000000"), true); // 1 day minimum age
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void readsAdIntervalsAndFiletimes() {
        assertEquals(Duration.ofDays(1), AdPasswordPolicy.interval("-864000000000"));
        assertEquals(Duration.ZERO, AdPasswordPolicy.interval(null));
        // 2026-11-25T12:00:00Z as FILETIME
        long ticks = (NOW.toEpochMilli() + 11_644_473_600_000L) * 10_000L;
        assertEquals(NOW, AdPasswordPolicy.filetime(Long.toString(ticks)));
        assertNull(AdPasswordPolicy.filetime("0"));
    }

    @Test
    void tooShortFirst() {
        assertEquals(
                DirectoryFailure.PASSWORD_TOO_SHORT,
                DOMAIN.diagnose("Sh0rt!", "ann", NOW.minus(Duration.ofDays(3)), NOW)
                        .failure());
    }

    @Test
    void minimumAgeSaysWhenToTryAgain() {
        Instant lastSet = NOW.minus(Duration.ofHours(2));
        AdPasswordPolicy.Diagnosis d = DOMAIN.diagnose("Long-Enough-Passw0rd", "ann", lastSet, NOW);
        assertEquals(DirectoryFailure.PASSWORD_TOO_YOUNG, d.failure());
        assertEquals(lastSet.plus(Duration.ofDays(1)), d.retryAfter());
    }

    @Test
    void complexityThenHistory() {
        Instant old = NOW.minus(Duration.ofDays(3));
        assertEquals(
                DirectoryFailure.PASSWORD_QUALITY,
                DOMAIN.diagnose("alllowercaseletters", "ann", old, NOW).failure());
        assertEquals(
                DirectoryFailure.PASSWORD_QUALITY,
                DOMAIN.diagnose("Joanna-Passw0rd-1", "joanna", old, NOW).failure(),
                "contains the account name");
        assertEquals(
                DirectoryFailure.PASSWORD_IN_HISTORY,
                DOMAIN.diagnose("Long-Enough-Passw0rd", "ann", old, NOW).failure());
        assertEquals(
                DirectoryFailure.PASSWORD_POLICY,
                new AdPasswordPolicy(0, 0, Duration.ZERO, false)
                        .diagnose("whatever", "ann", old, NOW)
                        .failure());
    }

    @Test
    void complexityCategories() {
        assertTrue(AdPasswordPolicy.complexEnough("abcDEF123", "x"));
        assertTrue(AdPasswordPolicy.complexEnough("abc-DEF", "x"));
        assertFalse(AdPasswordPolicy.complexEnough("abcdef123", "x"));
        assertFalse(AdPasswordPolicy.complexEnough("Ann-Passw0rd", "ann"));
        assertTrue(AdPasswordPolicy.complexEnough("Al-Passw0rd", "al"), "names of two characters are not checked");
    }

    @Test
    void withoutPolicyHintsOnlyLengthAndComplexityCanExplainARefusal() {
        Instant recent = NOW.minus(Duration.ofMinutes(5));
        AdPasswordPolicy young = new AdPasswordPolicy(7, 24, Duration.ofDays(1), true);
        // With hints, a recent change explains it; without, AD did not check the age (nor the history).
        assertEquals(
                DirectoryFailure.PASSWORD_TOO_YOUNG,
                young.diagnose("Long-Enough-Passw0rd", "ann", recent, NOW, true).failure());
        AdPasswordPolicy.Diagnosis unknown = young.diagnose("Long-Enough-Passw0rd", "ann", recent, NOW, false);
        assertEquals(DirectoryFailure.PASSWORD_POLICY, unknown.failure());
        assertEquals("unknown", unknown.rule());
        assertEquals(
                DirectoryFailure.PASSWORD_QUALITY,
                young.diagnose("alllowercaseletters", "ann", recent, NOW, false).failure());
        assertEquals(
                DirectoryFailure.PASSWORD_TOO_SHORT,
                young.diagnose("Ab1!", "ann", recent, NOW, false).failure());
    }
}
