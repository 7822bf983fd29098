package io.github.sspr.otp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a one-time code belongs to. Every field goes into the code's stored hash, so a code issued for one user, one
 * login (root authentication session), one browser tab or one purpose never verifies for another: notes copied
 * between tabs, or a flow that switches to a different user in the same tab, cannot reuse a code.
 *
 * @param userId the user the code was sent for (for the anti-enumeration decoy path: a stable placeholder)
 * @param authSessionId the root authentication session's id
 * @param tabId the authentication session's tab id
 * @param purpose what the code proves and over which channel, e.g. {@code reset-email} or {@code register-sms};
 *     lower-case letters, digits, {@code .}, {@code _} and {@code -}, at most 48 characters
 */
public record CodeBinding(String userId, String authSessionId, String tabId, String purpose) {

    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");

    public CodeBinding {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(authSessionId, "authSessionId");
        Objects.requireNonNull(tabId, "tabId");
        Objects.requireNonNull(purpose, "purpose");
        // The purpose also names the notes that hold the code's state, so it must be a safe, bounded token.
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must match " + PURPOSE.pattern());
        }
    }
}
