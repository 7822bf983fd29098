package io.github.sspr.policy;

import java.util.Optional;

/**
 * A way for a user to prove who they are at a reset gate: the recovery methods this product registers (email, SMS,
 * voice, questions) and the user's own Keycloak factors (passkey, authenticator app, recovery codes), which Keycloak
 * registers and validates (docs/reset.md, "The user's Keycloak factors").
 */
public enum Method {
    EMAIL(Factor.EMAIL, "email", false),
    SMS(Factor.PHONE, "sms", false),
    VOICE(Factor.PHONE, "voice", false),
    QUESTIONS(Factor.KNOWLEDGE, "questions", false),
    /**
     * A WebAuthn assertion from a passkey or security key the user registered in Keycloak (credential types {@code
     * webauthn} and {@code webauthn-passwordless}): phishing-resistant, so first among the factors.
     */
    PASSKEY(Factor.PASSKEY, "passkey", true),
    /** A code from the authenticator app the user enrolled in Keycloak (TOTP/HOTP, credential type {@code otp}). */
    OTP(Factor.AUTHENTICATOR_APP, "otp", true),
    /** One of the user's Keycloak recovery codes (credential type {@code recovery-authn-codes}), consumed on use. */
    RECOVERY_CODES(Factor.RECOVERY_CODES, "recovery-codes", true);

    /**
     * What a method proves. Two gates must prove two different factors: SMS and voice reach the same phone, so passing
     * both proves only that one holds the phone. A passkey, an authenticator app and a sheet of recovery codes are
     * things the user holds, apart from each other and from the mailbox and the phone number.
     */
    public enum Factor {
        EMAIL,
        PHONE,
        KNOWLEDGE,
        PASSKEY,
        AUTHENTICATOR_APP,
        RECOVERY_CODES
    }

    private final Factor factor;
    private final String id;
    private final boolean keycloakFactor;

    Method(Factor factor, String id, boolean keycloakFactor) {
        this.factor = factor;
        this.id = id;
        this.keycloakFactor = keycloakFactor;
    }

    public Factor factor() {
        return factor;
    }

    /**
     * Whether the credential behind this method is one of Keycloak's own (registered through Keycloak's required actions,
     * checked by Keycloak's credential providers), not one this product registers and re-confirms.
     */
    public boolean keycloakFactor() {
        return keycloakFactor;
    }

    /**
     * The id used in configuration, events and forms: {@code email}, {@code sms}, {@code voice}, {@code questions},
     * {@code passkey}, {@code otp}, {@code recovery-codes}.
     */
    public String id() {
        return id;
    }

    /** The method with {@code id}, ignoring case and surrounding spaces. */
    public static Optional<Method> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip();
        for (Method method : values()) {
            if (method.id().equalsIgnoreCase(wanted)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
