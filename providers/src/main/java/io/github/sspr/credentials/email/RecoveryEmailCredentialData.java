package io.github.sspr.credentials.email;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.sspr.credentials.questions.CredentialJson;

/**
 * The non-secret part of a recovery-email credential ({@code credentialData}, shown to admins): the masked address and
 * when it was verified and last confirmed. The full address is only in the secret part.
 *
 * @param version format version
 * @param masked the address as pages show it, e.g. {@code d*******@demo.sspr.test}
 * @param createdAt epoch millis of registration (after the code was verified)
 * @param confirmedAt epoch millis of the last registration or confirmation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecoveryEmailCredentialData(int version, String masked, long createdAt, long confirmedAt) {

    /** Credential type of a registered recovery (alternate) email address. */
    public static final String TYPE = "sspr-recovery-email";

    public static final int CURRENT_VERSION = 1;

    public static RecoveryEmailCredentialData registered(String masked, long now) {
        return new RecoveryEmailCredentialData(CURRENT_VERSION, masked, now, now);
    }

    public RecoveryEmailCredentialData confirmed(long now) {
        return new RecoveryEmailCredentialData(version, masked, createdAt, now);
    }

    public String toJson() {
        return CredentialJson.write(this);
    }

    public static RecoveryEmailCredentialData fromJson(String json) {
        return CredentialJson.read(json, RecoveryEmailCredentialData.class);
    }
}
