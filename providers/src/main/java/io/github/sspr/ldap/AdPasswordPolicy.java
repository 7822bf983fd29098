package io.github.sspr.ldap;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Active Directory's effective password policy for a user (the domain's, or the fine-grained PSO that applies), used
 * to explain AD's one catch-all refusal {@code 0000052D} rule by rule.
 *
 * @param minLength minPwdLength / msDS-MinimumPasswordLength
 * @param historyLength pwdHistoryLength / msDS-PasswordHistoryLength
 * @param minAge minPwdAge / msDS-MinimumPasswordAge
 * @param complexity pwdProperties bit 1 / msDS-PasswordComplexityEnabled
 */
public record AdPasswordPolicy(int minLength, int historyLength, Duration minAge, boolean complexity) {

    /** 100-ns intervals between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET_MILLIS = 11_644_473_600_000L;

    /** What 0000052D most likely meant, and when the user may try again (minimum age), if that is the rule. */
    public record Diagnosis(DirectoryFailure failure, String rule, Instant retryAfter) {}

    /**
     * Checks the rules AD applies in order that we can check without the history: length, minimum age, complexity.
     * When none of them explains the refusal, the history did (AD keeps the old hashes to itself).
     */
    public Diagnosis diagnose(String password, String username, Instant pwdLastSet, Instant now) {
        return diagnose(password, username, pwdLastSet, now, true);
    }

    /**
     * As above. {@code historyAndAgeApply}: false for a write that AD checks without them (an administrative reset sent
     * without the policy-hints control, because the server has none): then only length and complexity can explain
     * the refusal, and anything else is "unknown" rather than a wrong guess.
     */
    public Diagnosis diagnose(
            String password, String username, Instant pwdLastSet, Instant now, boolean historyAndAgeApply) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return new Diagnosis(DirectoryFailure.PASSWORD_TOO_SHORT, "minLength", null);
        }
        if (!historyAndAgeApply) {
            return complexity && !complexEnough(password, username)
                    ? new Diagnosis(DirectoryFailure.PASSWORD_QUALITY, "complexity", null)
                    : new Diagnosis(DirectoryFailure.PASSWORD_POLICY, "unknown", null);
        }
        if (!minAge.isZero() && pwdLastSet != null) {
            Instant allowed = pwdLastSet.plus(minAge);
            if (now.isBefore(allowed)) {
                return new Diagnosis(DirectoryFailure.PASSWORD_TOO_YOUNG, "minAge", allowed);
            }
        }
        if (complexity && !complexEnough(password, username)) {
            return new Diagnosis(DirectoryFailure.PASSWORD_QUALITY, "complexity", null);
        }
        if (historyLength > 0) {
            return new Diagnosis(DirectoryFailure.PASSWORD_IN_HISTORY, "history", null);
        }
        return new Diagnosis(DirectoryFailure.PASSWORD_POLICY, "unknown", null);
    }

    /**
     * AD's "meet complexity requirements": not containing the account name (when longer than two characters), and
     * characters from at least three of: upper case, lower case, digits, non-alphanumeric, other letters.
     */
    static boolean complexEnough(String password, String username) {
        if (username != null
                && username.length() > 2
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean upper = false, lower = false, digit = false, special = false, otherLetter = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else if (Character.isLetter(c)) {
                otherLetter = true;
            } else {
                special = true;
            }
        }
        int categories =
                (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0) + (otherLetter ? 1 : 0);
        return categories >= 3;
    }

    /** AD interval attributes (minPwdAge …) are negative counts of 100 ns. */
    public static Duration interval(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        long ticks = Math.abs(Long.parseLong(value.strip()));
        return Duration.ofMillis(ticks / 10_000L);
    }

    /** AD FILETIME (pwdLastSet …) as an instant; {@code null} for 0 (never / must change). */
    public static Instant filetime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long ticks = Long.parseLong(value.strip());
        if (ticks <= 0) {
            return null;
        }
        return Instant.ofEpochMilli(ticks / 10_000L - FILETIME_EPOCH_OFFSET_MILLIS);
    }
}
