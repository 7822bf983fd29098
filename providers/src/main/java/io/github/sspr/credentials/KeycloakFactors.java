package io.github.sspr.credentials;

import io.github.sspr.credentials.kinds.KeycloakFactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.common.util.Base64Url;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.models.credential.dto.RecoveryAuthnCodeRepresentation;
import org.keycloak.models.credential.dto.RecoveryAuthnCodesCredentialData;
import org.keycloak.util.JsonSerialization;

/**
 * The user's own Keycloak factors that can serve as reset gates (docs/reset.md, "The user's Keycloak factors"): which
 * ones the user holds, read from the stored credentials with the rest ({@link RegisteredMethods#of}), and the check of a
 * typed code — always through Keycloak's credential manager, so that Keycloak's own providers decide with the realm's
 * OTP policy (look-around window, algorithm, digits), refuse a TOTP used before (Keycloak's used-code store, unless the
 * realm's OTP policy makes codes reusable) and consume a recovery code. Nothing here validates a code itself.
 */
public final class KeycloakFactors {

    /** Nobody holds anything. */
    static final KeycloakFactors NONE = new KeycloakFactors(Map.of(), List.of(), null, 0, 0, List.of(), List.of());

    private final Map<KeycloakFactor, Long> registeredAt;
    private final List<String> otpCredentialIds;
    private final String recoveryCodesId;
    private final int nextRecoveryCode;
    private final int recoveryCodesLeft;
    private final List<String> passkeyIds;
    private final List<String> passkeyTypes;

    private KeycloakFactors(
            Map<KeycloakFactor, Long> registeredAt,
            List<String> otpCredentialIds,
            String recoveryCodesId,
            int nextRecoveryCode,
            int recoveryCodesLeft,
            List<String> passkeyIds,
            List<String> passkeyTypes) {
        this.passkeyIds = List.copyOf(passkeyIds);
        this.passkeyTypes = List.copyOf(passkeyTypes);
        this.registeredAt = registeredAt.isEmpty() ? Map.of() : Collections.unmodifiableMap(registeredAt);
        this.otpCredentialIds = List.copyOf(otpCredentialIds);
        this.recoveryCodesId = recoveryCodesId;
        this.nextRecoveryCode = nextRecoveryCode;
        this.recoveryCodesLeft = recoveryCodesLeft;
    }

    /** Reads the factors among a user's stored credentials. A credential that cannot be read is not a way in. */
    static KeycloakFactors read(List<CredentialModel> stored) {
        Map<KeycloakFactor, Long> at = new EnumMap<>(KeycloakFactor.class);
        List<String> otp = new ArrayList<>();
        String codesId = null;
        int next = 0;
        int left = 0;
        List<String> passkeys = new ArrayList<>();
        List<String> passkeyTypes = new ArrayList<>();
        for (CredentialModel model : stored) {
            KeycloakFactor factor = KeycloakFactor.ofType(model.getType()).orElse(null);
            if (factor == null) {
                continue;
            }
            long created = model.getCreatedDate() == null ? 0 : model.getCreatedDate();
            try {
                if (factor == KeycloakFactor.PASSKEY) {
                    // Keycloak stores the WebAuthn credential id in standard Base64; the browser is given Base64url.
                    String id = WebAuthnCredentialModel.createFromCredentialModel(model)
                            .getWebAuthnCredentialData()
                            .getCredentialId();
                    passkeys.add(Base64Url.encodeBase64ToBase64Url(id));
                    if (!passkeyTypes.contains(model.getType())) {
                        passkeyTypes.add(model.getType());
                    }
                    at.merge(factor, created, Math::max);
                } else if (factor == KeycloakFactor.OTP) {
                    OTPCredentialModel.createFromCredentialModel(model); // readable
                    otp.add(model.getId());
                    at.merge(factor, created, Math::max);
                } else {
                    RecoveryAuthnCodesCredentialModel codes =
                            RecoveryAuthnCodesCredentialModel.createFromCredentialModel(model);
                    int number = codes.getNextRecoveryAuthnCode()
                            .map(RecoveryAuthnCodeRepresentation::getNumber)
                            .orElse(0);
                    if (!codes.allCodesUsed() && number > 0) {
                        codesId = model.getId();
                        next = number;
                        left = JsonSerialization.readValue(
                                        model.getCredentialData(), RecoveryAuthnCodesCredentialData.class)
                                .getRemainingCodes();
                        at.put(factor, created);
                    }
                }
            } catch (Exception unreadable) {
                // not a way in
            }
        }
        return new KeycloakFactors(at, otp, codesId, next, left, passkeys, passkeyTypes);
    }

    /** Each factor the user holds with when it was registered (epoch millis); recovery codes only while some are left. */
    public Map<KeycloakFactor, Long> registeredAt() {
        return registeredAt;
    }

    public boolean has(KeycloakFactor factor) {
        return registeredAt.containsKey(factor);
    }

    /** The number of the recovery code Keycloak asks for next (codes are used in order), or 0. */
    public int nextRecoveryCode() {
        return nextRecoveryCode;
    }

    /** How many recovery codes are left. */
    public int recoveryCodesLeft() {
        return recoveryCodesLeft;
    }

    /** The ids (Base64url) of the user's passkeys and security keys, for the browser's {@code allowCredentials}. */
    public List<String> passkeyIds() {
        return passkeyIds;
    }

    /** The WebAuthn credential types the user holds ({@code webauthn}, {@code webauthn-passwordless}). */
    public List<String> passkeyTypes() {
        return passkeyTypes;
    }

    /**
     * A factor check on the decoy path: it pays about what Keycloak's own check costs (one hash of the input) and never
     * passes.
     */
    public static boolean decoyCheck(String input) {
        try {
            MessageDigest.getInstance("SHA-512").digest((input == null ? "" : input).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return false;
    }

    /**
     * Whether {@code code} is a current code of one of the user's authenticator apps, asked of Keycloak's OTP provider
     * (which also claims the code as used, so the same code is refused the next time within its window).
     */
    public boolean otpValid(UserModel user, String code) {
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        if (typed.isEmpty()) {
            return false;
        }
        for (String id : otpCredentialIds) {
            if (user.credentialManager().isValid(new UserCredentialModel(id, OTPCredentialModel.TYPE, typed))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code code} is the recovery code Keycloak asks for next, asked of Keycloak's recovery-codes provider, which
     * consumes it when it is. When that was the last code, the user gets Keycloak's own "set up recovery codes" action
     * at the next sign-in, as after Keycloak's own recovery-code sign-in.
     */
    public boolean recoveryCodeValid(UserModel user, String code) {
        String typed = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (typed.isEmpty() || recoveryCodesId == null) {
            return false;
        }
        boolean valid = user.credentialManager().isValid(UserCredentialModel.buildFromBackupAuthnCode(typed));
        if (valid && recoveryCodesLeft <= 1) {
            user.addRequiredAction(UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES);
        }
        return valid;
    }
}
