package io.github.sspr.credentials.kinds;

import io.github.sspr.policy.Method;
import java.util.List;
import java.util.Optional;

/**
 * The user's own Keycloak credentials that can serve as reset gates, by Keycloak credential type. Keycloak registers
 * them (its required actions) and checks them (its credential providers); this product only reads which ones a user
 * holds and asks Keycloak to check an input (docs/reset.md, "The user's Keycloak factors").
 */
public enum KeycloakFactor {
    /**
     * {@code WebAuthnCredentialModel.TYPE_TWOFACTOR} and {@code TYPE_PASSWORDLESS}: a passkey or security key, registered
     * through Keycloak's WebAuthn Register (or Passwordless) action.
     */
    PASSKEY(Method.PASSKEY, "webauthn", "webauthn-passwordless"),
    /** {@code OTPCredentialModel.TYPE}: a TOTP or HOTP authenticator app. */
    OTP(Method.OTP, "otp"),
    /** {@code RecoveryAuthnCodesCredentialModel.TYPE}: a sheet of numbered one-time recovery codes. */
    RECOVERY_CODES(Method.RECOVERY_CODES, "recovery-authn-codes");

    private final List<String> types;
    private final Method method;

    KeycloakFactor(Method method, String... types) {
        this.types = List.of(types);
        this.method = method;
    }

    /** The Keycloak credential types (a passkey has two: second factor and passwordless). */
    public List<String> types() {
        return types;
    }

    /** The reset gate it serves. */
    public Method method() {
        return method;
    }

    public static Optional<KeycloakFactor> ofType(String type) {
        for (KeycloakFactor f : values()) {
            if (f.types.contains(type)) {
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
