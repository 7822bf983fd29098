package io.github.sspr.credentials.kinds;

import io.github.sspr.policy.Method;
import java.util.Optional;

/**
 * The user's own Keycloak credentials that can serve as reset gates, by Keycloak credential type. Keycloak registers
 * them (its required actions) and checks them (its credential providers); this product only reads which ones a user
 * holds and asks Keycloak to check an input (docs/reset.md, "The user's Keycloak factors").
 */
public enum KeycloakFactor {
    /** {@code OTPCredentialModel.TYPE}: a TOTP or HOTP authenticator app. */
    OTP("otp", Method.OTP),
    /** {@code RecoveryAuthnCodesCredentialModel.TYPE}: a sheet of numbered one-time recovery codes. */
    RECOVERY_CODES("recovery-authn-codes", Method.RECOVERY_CODES);

    private final String type;
    private final Method method;

    KeycloakFactor(String type, Method method) {
        this.type = type;
        this.method = method;
    }

    /** The Keycloak credential type. */
    public String type() {
        return type;
    }

    /** The reset gate it serves. */
    public Method method() {
        return method;
    }

    public static Optional<KeycloakFactor> ofType(String type) {
        for (KeycloakFactor f : values()) {
            if (f.type.equals(type)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static Optional<KeycloakFactor> of(Method method) {
        for (KeycloakFactor f : values()) {
            if (f.method == method) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
