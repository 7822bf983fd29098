package io.github.sspr.credentials.questions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret part of a security-questions credential ({@code secretData}, never shown): one password hash per K-subset
 * of the registered questions, over the K normalized answers in canonical order.
 *
 * @param subsets every K-subset of the registered questions with its hash
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecurityQuestionsSecretData(List<SubsetHash> subsets) {

    public SecurityQuestionsSecretData {
        subsets = List.copyOf(Objects.requireNonNull(subsets, "subsets"));
    }

    /**
     * The hash of K answers together.
     *
     * @param questionIds the subset's question ids, sorted (the canonical order)
     * @param hash the password hash of the subset's answers
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubsetHash(List<String> questionIds, StoredHash hash) {

        public SubsetHash {
            questionIds = List.copyOf(Objects.requireNonNull(questionIds, "questionIds"));
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** The JSON stored as the credential's {@code secretData} (Keycloak's Jackson). */
    public String toJson() {
        return CredentialJson.write(this);
    }

    /** Reads {@link #toJson()} output. */
    public static SecurityQuestionsSecretData fromJson(String json) {
        return CredentialJson.read(json, SecurityQuestionsSecretData.class);
    }

    @Override
    public String toString() {
        // Hashes of answers stay out of logs and exception messages.
        return "SecurityQuestionsSecretData[" + subsets.size() + " subsets]";
    }

    /** The entry for exactly these (sorted) question ids. */
    public Optional<SubsetHash> find(List<String> sortedQuestionIds) {
        return subsets.stream()
                .filter(s -> s.questionIds().equals(sortedQuestionIds))
                .findFirst();
    }
}
