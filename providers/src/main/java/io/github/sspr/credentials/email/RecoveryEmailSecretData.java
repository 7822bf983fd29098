package io.github.sspr.credentials.email;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.sspr.credentials.questions.CredentialJson;
import java.util.Objects;

/**
 * The secret part of a recovery-email credential ({@code secretData}, never returned by the admin API): the verified
 * address.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecoveryEmailSecretData(String address) {

    public RecoveryEmailSecretData {
        Objects.requireNonNull(address, "address");
    }

    public String toJson() {
        return CredentialJson.write(this);
    }

    public static RecoveryEmailSecretData fromJson(String json) {
        return CredentialJson.read(json, RecoveryEmailSecretData.class);
    }

    @Override
    public String toString() {
        return "RecoveryEmailSecretData[" + EmailAddresses.mask(address) + "]";
    }
}
