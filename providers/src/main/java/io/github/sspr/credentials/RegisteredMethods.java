package io.github.sspr.credentials;

import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.email.RecoveryEmailCredentialData;
import io.github.sspr.credentials.email.RecoveryEmailSecretData;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.credentials.phone.RecoveryPhoneCredentialData;
import io.github.sspr.credentials.phone.RecoveryPhoneSecretData;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import io.github.sspr.policy.Method;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * A user's recovery credentials, read once per request: which kinds they registered (the newest of each kind), the
 * destinations behind them, their security questions, and when each was last confirmed. A credential that cannot be
 * read is not a way in and is left out (the admin still sees it in the console's Credentials tab).
 *
 * <p>Only stored credentials are read: no network, no hashing. Secrets (addresses, numbers, answer hashes) stay in
 * this object; pages get {@link #masked}.
 */
public final class RegisteredMethods {

    private final Map<RecoveryCredential, CredentialModel> credentials;
    private final Map<RecoveryCredential, Long> confirmedAt;
    private final String email;
    private final String phone;
    private final SecurityQuestionsCredentialData questions;
    private final SecurityQuestionsSecretData questionSecrets;
    private final KeycloakFactors factors;

    private RegisteredMethods(
            Map<RecoveryCredential, CredentialModel> credentials,
            Map<RecoveryCredential, Long> confirmedAt,
            String email,
            String phone,
            SecurityQuestionsCredentialData questions,
            SecurityQuestionsSecretData questionSecrets,
            KeycloakFactors factors) {
        this.factors = factors;
        this.credentials = Collections.unmodifiableMap(credentials);
        this.confirmedAt = Collections.unmodifiableMap(confirmedAt);
        this.email = email;
        this.phone = phone;
        this.questions = questions;
        this.questionSecrets = questionSecrets;
    }

    /** Reads {@code user}'s stored credentials once. */
    public static RegisteredMethods of(UserModel user) {
        Map<RecoveryCredential, CredentialModel> newest = new EnumMap<>(RecoveryCredential.class);
        List<CredentialModel> all =
                user.credentialManager().getStoredCredentialsStream().toList();
        all.forEach(c -> RecoveryCredential.ofType(c.getType())
                .ifPresent(kind -> newest.merge(kind, c, (a, b) -> created(b) > created(a) ? b : a)));
        Map<RecoveryCredential, Long> confirmed = new EnumMap<>(RecoveryCredential.class);
        String email = null;
        String phone = null;
        SecurityQuestionsCredentialData questions = null;
        SecurityQuestionsSecretData secrets = null;
        for (Map.Entry<RecoveryCredential, CredentialModel> e : newest.entrySet()) {
            CredentialModel model = e.getValue();
            try {
                switch (e.getKey()) {
                    case EMAIL ->
                        email = RecoveryEmailSecretData.fromJson(model.getSecretData())
                                .address();
                    case PHONE ->
                        phone = RecoveryPhoneSecretData.fromJson(model.getSecretData())
                                .e164();
                    case QUESTIONS -> {
                        questions = SecurityQuestionsCredentialData.fromJson(model.getCredentialData());
                        secrets = SecurityQuestionsSecretData.fromJson(model.getSecretData());
                    }
                }
                confirmed.put(e.getKey(), e.getKey().confirmedAt(model.getCredentialData(), model.getCreatedDate()));
            } catch (RuntimeException corrupt) {
                // unreadable: not a way in
            }
        }
        return new RegisteredMethods(newest, confirmed, email, phone, questions, secrets, KeycloakFactors.read(all));
    }

    /** The stored credential of each registered kind, readable or not (for removal and re-confirmation). */
    public Map<RecoveryCredential, CredentialModel> credentials() {
        return credentials;
    }

    /** Each readable registered kind with its last confirmation (epoch millis). */
    public Map<RecoveryCredential, Long> confirmedAt() {
        return confirmedAt;
    }

    /** Each gate method the user holds a readable credential for, with its last confirmation (a phone: SMS, voice). */
    public Map<Method, Long> held() {
        Map<Method, Long> held = new EnumMap<>(Method.class);
        confirmedAt.forEach((kind, at) -> kind.methods().forEach(m -> held.put(m, at)));
        factors.registeredAt().forEach((factor, at) -> held.put(factor.method(), at));
        return held;
    }

    public boolean has(RecoveryCredential kind) {
        return confirmedAt.containsKey(kind);
    }

    /** The recovery email address, if registered. */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** The recovery phone in E.164, if registered. */
    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    /** The registered phone's country (ISO 3166 alpha-2), or {@code null}. */
    public String phoneRegion() {
        return phone == null ? null : PhoneNumbers.regionOf(phone);
    }

    /**
     * Where a code for {@code method} goes: the recovery email, or the phone for SMS and voice; for a passkey, the ids
     * of the user's WebAuthn credentials the browser may use (Base64url, space-separated).
     */
    public Optional<String> destination(Method method) {
        return switch (method) {
            case EMAIL -> email();
            case SMS, VOICE -> phone();
            case PASSKEY ->
                factors.passkeyIds().isEmpty() ? Optional.empty() : Optional.of(String.join(" ", factors.passkeyIds()));
            default -> Optional.empty();
        };
    }

    /** The user's Keycloak factors (authenticator app, recovery codes), as read with the rest. */
    public KeycloakFactors factors() {
        return factors;
    }

    /**
     * The masked destination for pages and events; for questions, how many are asked; for recovery codes, the number
     * of the code Keycloak asks for next.
     */
    public String masked(Method method) {
        return switch (method) {
            case EMAIL -> email == null ? "" : EmailAddresses.mask(email);
            case SMS, VOICE -> phone == null ? "" : PhoneNumbers.mask(phone);
            case QUESTIONS -> questions == null ? "" : Integer.toString(questions.answersRequired());
            case OTP, PASSKEY -> "";
            case RECOVERY_CODES -> factors.nextRecoveryCode() <= 0 ? "" : Integer.toString(factors.nextRecoveryCode());
        };
    }

    /**
     * How the registration overview labels a registered {@code kind}: the masked destination stored with it, or for
     * questions how many were registered; empty when it cannot be read.
     */
    public String label(RecoveryCredential kind) {
        CredentialModel model = credentials.get(kind);
        if (model == null) {
            return "";
        }
        try {
            return switch (kind) {
                case PHONE ->
                    RecoveryPhoneCredentialData.fromJson(model.getCredentialData())
                            .masked();
                case EMAIL ->
                    RecoveryEmailCredentialData.fromJson(model.getCredentialData())
                            .masked();
                case QUESTIONS ->
                    Integer.toString(SecurityQuestionsCredentialData.fromJson(model.getCredentialData())
                            .questionIds()
                            .size());
            };
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The registered questions (ids and how many are asked), or {@code null}. */
    public SecurityQuestionsCredentialData questions() {
        return questions;
    }

    /** The answer hashes, or {@code null}. */
    public SecurityQuestionsSecretData questionSecrets() {
        return questionSecrets;
    }

    private static long created(CredentialModel model) {
        return model.getCreatedDate() == null ? 0 : model.getCreatedDate();
    }
}
