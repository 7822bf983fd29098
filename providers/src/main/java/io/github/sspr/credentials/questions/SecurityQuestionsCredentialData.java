package io.github.sspr.credentials.questions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/**
 * The non-secret part of a security-questions credential ({@code credentialData}, visible to admins): which questions
 * the user answered, how many are asked at a reset, and when the answers were registered and last confirmed.
 *
 * @param version format version, {@value #CURRENT_VERSION}
 * @param questionIds the registered questions (predefined ids or {@code custom-…} ids), in registration order
 * @param answersRequired K: how many of them a reset asks; fixed at registration (the hashes cover K-subsets)
 * @param createdAt epoch millis of registration
 * @param confirmedAt epoch millis of the last registration or confirmation (for the re-confirmation period)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecurityQuestionsCredentialData(
        int version, List<String> questionIds, int answersRequired, long createdAt, long confirmedAt) {

    /** Credential type of registered security questions. */
    public static final String TYPE = "sspr-security-questions";

    public static final int CURRENT_VERSION = 1;

    public SecurityQuestionsCredentialData {
        questionIds = List.copyOf(Objects.requireNonNull(questionIds, "questionIds"));
    }

    /** A fresh registration at {@code now}. */
    public static SecurityQuestionsCredentialData registered(List<String> questionIds, int answersRequired, long now) {
        return new SecurityQuestionsCredentialData(CURRENT_VERSION, questionIds, answersRequired, now, now);
    }

    /** The JSON stored as the credential's {@code credentialData} (Keycloak's Jackson). */
    public String toJson() {
        return CredentialJson.write(this);
    }

    /** Reads {@link #toJson()} output; unknown fields (from a newer version) are ignored. */
    public static SecurityQuestionsCredentialData fromJson(String json) {
        return CredentialJson.read(json, SecurityQuestionsCredentialData.class);
    }

    /** The same registration, confirmed again at {@code now}. */
    public SecurityQuestionsCredentialData confirmed(long now) {
        return new SecurityQuestionsCredentialData(version, questionIds, answersRequired, createdAt, now);
    }
}
