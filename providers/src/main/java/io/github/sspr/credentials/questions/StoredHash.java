package io.github.sspr.credentials.questions;

import java.util.Objects;

/**
 * One password-hash result, opaque to this package: whatever the {@link AnswerHasher} needs to check a secret again.
 * With Keycloak's hash providers these are a password credential's {@code credentialData} (algorithm, iterations)
 * and {@code secretData} (hash, salt) JSON strings.
 */
public record StoredHash(String credentialData, String secretData) {

    public StoredHash {
        Objects.requireNonNull(credentialData, "credentialData");
        Objects.requireNonNull(secretData, "secretData");
    }

    @Override
    public String toString() {
        // The secret part is a hash of answers; keep it out of logs all the same.
        return "StoredHash[" + credentialData + "]";
    }
}
