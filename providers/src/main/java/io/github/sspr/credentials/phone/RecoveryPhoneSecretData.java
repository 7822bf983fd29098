package io.github.sspr.credentials.phone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.sspr.credentials.questions.CredentialJson;
import java.util.Objects;

/**
 * The secret part of a recovery-phone credential ({@code secretData}, never returned by the admin API): the verified
 * number in E.164.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecoveryPhoneSecretData(String e164) {

    public RecoveryPhoneSecretData {
        Objects.requireNonNull(e164, "e164");
    }

    public String toJson() {
        return CredentialJson.write(this);
    }

    public static RecoveryPhoneSecretData fromJson(String json) {
        return CredentialJson.read(json, RecoveryPhoneSecretData.class);
    }

    @Override
    public String toString() {
        // Full numbers stay out of logs.
        return "RecoveryPhoneSecretData[" + PhoneNumbers.mask(e164) + "]";
    }
}
