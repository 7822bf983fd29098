package io.github.sspr.credentials.phone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.sspr.credentials.questions.CredentialJson;

/**
 * The non-secret part of a recovery-phone credential ({@code credentialData}, shown to admins): the masked number,
 * its country, and when it was verified and last confirmed. The full number is only in the secret part.
 *
 * @param version format version
 * @param masked the number as pages show it, e.g. {@code +14*******23}
 * @param region ISO 3166 alpha-2 country of the number
 * @param createdAt epoch millis of registration (after the code was verified)
 * @param confirmedAt epoch millis of the last registration or confirmation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecoveryPhoneCredentialData(int version, String masked, String region, long createdAt, long confirmedAt) {

    /** Credential type of a registered recovery phone. */
    public static final String TYPE = "sspr-recovery-phone";

    public static final int CURRENT_VERSION = 1;

    public static RecoveryPhoneCredentialData registered(String masked, String region, long now) {
        return new RecoveryPhoneCredentialData(CURRENT_VERSION, masked, region, now, now);
    }

    public RecoveryPhoneCredentialData confirmed(long now) {
        return new RecoveryPhoneCredentialData(version, masked, region, createdAt, now);
    }

    public String toJson() {
        return CredentialJson.write(this);
    }

    public static RecoveryPhoneCredentialData fromJson(String json) {
        return CredentialJson.read(json, RecoveryPhoneCredentialData.class);
    }
}
