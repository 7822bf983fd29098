package io.github.sspr.credentials.kinds;

import io.github.sspr.credentials.email.RecoveryEmailCredentialData;
import io.github.sspr.credentials.phone.RecoveryPhoneCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.policy.Method;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The three kinds of recovery credential a user registers, by credential type. Each keeps its registration and last
 * confirmation time in its {@code credentialData}, where re-confirmation reads them.
 */
public enum RecoveryCredential {
    PHONE(RecoveryPhoneCredentialData.TYPE, Method.Factor.PHONE, EnumSet.of(Method.SMS, Method.VOICE)),
    EMAIL(RecoveryEmailCredentialData.TYPE, Method.Factor.EMAIL, EnumSet.of(Method.EMAIL)),
    QUESTIONS(SecurityQuestionsCredentialData.TYPE, Method.Factor.KNOWLEDGE, EnumSet.of(Method.QUESTIONS));

    private final String type;
    private final Method.Factor factor;
    private final Set<Method> methods;

    RecoveryCredential(String type, Method.Factor factor, Set<Method> methods) {
        this.type = type;
        this.factor = factor;
        this.methods = Set.copyOf(methods);
    }

    /** The Keycloak credential type, e.g. {@code sspr-recovery-phone}. */
    public String type() {
        return type;
    }

    public Method.Factor factor() {
        return factor;
    }

    /** The reset gates this credential serves (a phone serves SMS and voice). */
    public Set<Method> methods() {
        return methods;
    }

    /** Short id for events and forms: {@code phone}, {@code email}, {@code questions}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<RecoveryCredential> ofType(String type) {
        for (RecoveryCredential c : values()) {
            if (c.type.equals(type)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static Optional<RecoveryCredential> ofId(String id) {
        for (RecoveryCredential c : values()) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * When the stored credential was last registered or confirmed (epoch millis). Data without a time (hand-written
     * imports) falls back to the credential's creation date, then to 0, which makes a re-confirmation due rather than
     * never.
     */
    public long confirmedAt(String credentialData, Long createdDate) {
        long fromData;
        try {
            fromData = switch (this) {
                case PHONE ->
                    RecoveryPhoneCredentialData.fromJson(credentialData).confirmedAt();
                case EMAIL ->
                    RecoveryEmailCredentialData.fromJson(credentialData).confirmedAt();
                case QUESTIONS ->
                    SecurityQuestionsCredentialData.fromJson(credentialData).confirmedAt();
            };
        } catch (IllegalArgumentException e) {
            fromData = 0;
        }
        if (fromData > 0) {
            return fromData;
        }
        return createdDate == null ? 0 : createdDate;
    }

    /** The same credential data, confirmed again at {@code now}. */
    public String confirmedData(String credentialData, long now) {
        return switch (this) {
            case PHONE ->
                RecoveryPhoneCredentialData.fromJson(credentialData)
                        .confirmed(now)
                        .toJson();
            case EMAIL ->
                RecoveryEmailCredentialData.fromJson(credentialData)
                        .confirmed(now)
                        .toJson();
            case QUESTIONS ->
                SecurityQuestionsCredentialData.fromJson(credentialData)
                        .confirmed(now)
                        .toJson();
        };
    }
}
