package io.github.sspr.reset.machine;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every rule of the lost-authenticator page, without Keycloak (docs/reset.md, "Lost authenticator"): which of the
 * user's credentials it lists, what a pick removes, and which of Keycloak's own required actions re-enrols it at the
 * next sign-in. The adapter reads the credentials, removes the one decided here through Keycloak's credential manager
 * and adds the action; this class never sees a secret (only ids, types and the labels users gave).
 */
public final class LostFactor {

    private LostFactor() {}

    /** The authenticator kinds a user can lose, each with its Keycloak credential type and re-enrolment action. */
    public enum Kind {
        /** {@code OTPCredentialModel.TYPE}: an authenticator app (TOTP/HOTP); Keycloak's Configure OTP. */
        AUTHENTICATOR_APP("otp", "CONFIGURE_TOTP"),
        /** {@code WebAuthnCredentialModel.TYPE_PASSWORDLESS}: a passkey; Keycloak's Passkey (passwordless) register. */
        PASSKEY("webauthn-passwordless", "webauthn-register-passwordless"),
        /** {@code WebAuthnCredentialModel.TYPE_TWOFACTOR}: a security key as second factor; WebAuthn Register. */
        SECURITY_KEY("webauthn", "webauthn-register"),
        /** {@code RecoveryAuthnCodesCredentialModel.TYPE}: the recovery-code sheet; Recovery Authentication Codes. */
        RECOVERY_CODES("recovery-authn-codes", "CONFIGURE_RECOVERY_AUTHN_CODES");

        private final String type;
        private final String requiredAction;

        Kind(String type, String requiredAction) {
            this.type = type;
            this.requiredAction = requiredAction;
        }

        /** The Keycloak credential type. */
        public String type() {
            return type;
        }

        /** The alias of Keycloak's required action that registers a new one. */
        public String requiredAction() {
            return requiredAction;
        }

        /** The message-key segment of the kind's name on the page, e.g. {@code authenticatorApp}. */
        public String key() {
            StringBuilder key = new StringBuilder();
            for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
                key.append(key.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
            return key.toString();
        }

        public static Optional<Kind> ofType(String type) {
            for (Kind kind : values()) {
                if (kind.type.equals(type)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** One stored credential of the user, as Keycloak's credential manager lists it (no secret). */
    public record Credential(String id, String type, String userLabel, long createdDate) {}

    /** One line of the page: a credential the user may say is lost. */
    public record Choice(String id, Kind kind, String label) {}

    /**
     * What the pick decides.
     *
     * @param removed the credential to remove, or {@code null} when nothing is removed
     * @param error the page's message key when nothing is removed (nothing picked, or a pick that is not one of the
     *     choices: a stale page or a crafted form)
     */
    public record Decision(Choice removed, String error) {

        public boolean removes() {
            return removed != null;
        }

        /** The required action that re-enrols what was removed. */
        public String requiredAction() {
            return removed == null ? null : removed.kind().requiredAction();
        }
    }

    /**
     * The credentials the page lists: the authenticator kinds, grouped by kind (app, passkey, security key, recovery
     * codes), oldest first within a kind; passwords and this product's recovery methods are never listed.
     */
    public static List<Choice> choices(List<Credential> credentials) {
        return credentials.stream()
                .filter(c -> c.id() != null && Kind.ofType(c.type()).isPresent())
                .sorted(Comparator.comparing((Credential c) ->
                                Kind.ofType(c.type()).orElseThrow().ordinal())
                        .thenComparingLong(Credential::createdDate))
                .map(c -> new Choice(
                        c.id(),
                        Kind.ofType(c.type()).orElseThrow(),
                        c.userLabel() == null ? "" : c.userLabel().strip()))
                .toList();
    }

    /** The pick: exactly the one listed credential with {@code pickedId}, or an error and nothing removed. */
    public static Decision decide(List<Credential> credentials, String pickedId) {
        if (pickedId == null || pickedId.isBlank()) {
            return new Decision(null, "sspr.reset.lostFactor.error.pick");
        }
        return choices(credentials).stream()
                .filter(choice -> choice.id().equals(pickedId))
                .findFirst()
                .map(choice -> new Decision(choice, null))
                .orElseGet(() -> new Decision(null, "sspr.reset.lostFactor.error.gone"));
    }
}
