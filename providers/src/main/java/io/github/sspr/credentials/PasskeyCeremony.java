package io.github.sspr.credentials;

import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.UriUtils;
import org.keycloak.credential.WebAuthnCredentialModelInput;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.WebAuthnPolicy;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The passkey gate's WebAuthn ceremony on Keycloak's own WebAuthn support (docs/reset.md, "Passkey"): a challenge kept in
 * the authentication session, the page's options from the realm's WebAuthn policies, and the assertion checked by
 * Keycloak's WebAuthn credential providers ({@code WebAuthnCredentialProvider}, {@code
 * WebAuthnPasswordlessCredentialProvider}), which verify the signature, the challenge, the origin, the RP id and the
 * signature counter, and store the new counter. Nothing here verifies a signature itself.
 *
 * <p>The options are the same for every name typed (the decoy path included): the realm's RP id, the stricter user
 * verification of its two WebAuthn policies, the longer timeout. Only the credential ids differ, and the decoy path shows
 * made-up ones.
 */
public final class PasskeyCeremony {
    private static final Logger LOG = Logger.getLogger(PasskeyCeremony.class);

    /** Authentication-session note holding the challenge of the page last shown (single use). */
    public static final String CHALLENGE_NOTE = "sspr.reset.passkeyChallenge";

    /** The form fields Keycloak's {@code webauthnAuthenticate.js} posts. */
    public static final List<String> FIELDS =
            List.of("credentialId", "clientDataJSON", "authenticatorData", "signature", "userHandle", "error");

    private static final List<String> STRICTNESS = List.of("required", "preferred", "discouraged");

    private final KeycloakSession session;
    private final RealmModel realm;

    public PasskeyCeremony(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** What the page hands to Keycloak's {@code authenticateByWebAuthn}. */
    public record Options(String challenge, String rpId, String userVerification, int timeoutSeconds) {}

    /** A new challenge, kept in {@code authSession}, with the realm's options. */
    public Options begin(AuthenticationSessionModel authSession) {
        String challenge = Base64Url.encode(new DefaultChallenge().getValue());
        authSession.setAuthNote(CHALLENGE_NOTE, challenge);
        WebAuthnPolicy twoFactor = realm.getWebAuthnPolicy();
        WebAuthnPolicy passwordless = realm.getWebAuthnPolicyPasswordless();
        return new Options(
                challenge,
                rpId(),
                stricter(twoFactor.getUserVerificationRequirement(), passwordless.getUserVerificationRequirement()),
                Math.max(twoFactor.getCreateTimeout(), passwordless.getCreateTimeout()));
    }

    /**
     * Whether the posted assertion is a valid one of {@code user}'s passkeys for the challenge last shown, asked of
     * Keycloak's WebAuthn credential providers. The challenge is used up either way. With {@code user} {@code null} (the
     * decoy path) the input is read and decoded the same way and the answer is no.
     *
     * @param types the WebAuthn credential types the user holds
     * @param form the posted fields ({@link #FIELDS})
     */
    public boolean verify(
            AuthenticationSessionModel authSession, UserModel user, List<String> types, Map<String, String> form) {
        String challenge = authSession.getAuthNote(CHALLENGE_NOTE);
        authSession.removeAuthNote(CHALLENGE_NOTE);
        String error = form.get("error");
        if (error != null && !error.isBlank()) {
            // The browser refused or found no passkey (cancelled, timed out, none of the ids): a failed gate.
            LOG.debugf(
                    "SSPR passkey gate: the browser reported %s", error.length() > 80 ? error.substring(0, 80) : error);
            return false;
        }
        AuthenticationRequest request;
        try {
            request = new AuthenticationRequest(
                    decode(form, "credentialId"),
                    decode(form, "authenticatorData"),
                    decode(form, "clientDataJSON"),
                    decode(form, "signature"));
        } catch (IllegalArgumentException bad) {
            return false;
        }
        String userHandle = form.get("userHandle");
        if (user == null || challenge == null) {
            // The decoy path, or a post without a page: the same decoding, one hash, never passes.
            digest(request.getClientDataJSON());
            return false;
        }
        if (userHandle != null && !userHandle.isBlank() && !isUser(userHandle, user)) {
            return false; // a passkey of another account
        }
        ServerProperty server = new ServerProperty(
                new Origin(UriUtils.getOrigin(session.getContext().getUri().getBaseUri())),
                rpId(),
                new DefaultChallenge(challenge));
        for (String type : types) {
            WebAuthnPolicy policy = WebAuthnCredentialModel.TYPE_PASSWORDLESS.equals(type)
                    ? realm.getWebAuthnPolicyPasswordless()
                    : realm.getWebAuthnPolicy();
            WebAuthnCredentialModelInput input = new WebAuthnCredentialModelInput(type);
            input.setAuthenticationRequest(request);
            input.setAuthenticationParameters(new WebAuthnCredentialModelInput.KeycloakWebAuthnAuthenticationParameters(
                    server, Constants.WEBAUTHN_POLICY_OPTION_REQUIRED.equals(policy.getUserVerificationRequirement())));
            try {
                if (user.credentialManager().isValid(input)) {
                    return true;
                }
            } catch (RuntimeException refused) {
                // webauthn4j refuses a malformed or mismatched assertion by throwing: a failed gate, not a server
                // error.
                LOG.debugf(
                        "SSPR passkey gate: assertion refused (%s)",
                        refused.getClass().getSimpleName());
            }
        }
        return false;
    }

    private String rpId() {
        String rpId = realm.getWebAuthnPolicy().getRpId();
        return rpId == null || rpId.isBlank()
                ? session.getContext().getUri().getBaseUri().getHost()
                : rpId;
    }

    /** Keycloak's WebAuthn Register makes the user id (UTF-8) the user handle. */
    private static boolean isUser(String userHandle, UserModel user) {
        try {
            return user.getId().equals(new String(Base64Url.decode(userHandle), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException bad) {
            return false;
        }
    }

    /** The stricter of two user-verification requirements ({@code required} over {@code preferred} over the rest). */
    static String stricter(String a, String b) {
        int ia = a == null ? -1 : STRICTNESS.indexOf(a);
        int ib = b == null ? -1 : STRICTNESS.indexOf(b);
        if (ia < 0) {
            return ib < 0 ? (a == null ? "not specified" : a) : b;
        }
        return ib < 0 || ia <= ib ? a : b;
    }

    private static byte[] decode(Map<String, String> form, String field) {
        String value = form.get(field);
        if (value == null || value.isBlank() || value.length() > 8192) {
            throw new IllegalArgumentException(field);
        }
        return Base64Url.decode(value);
    }

    private static void digest(byte[] bytes) {
        try {
            MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
