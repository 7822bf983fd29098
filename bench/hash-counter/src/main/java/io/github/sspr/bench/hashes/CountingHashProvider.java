package io.github.sspr.bench.hashes;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.dto.PasswordCredentialData;
import org.keycloak.models.credential.dto.PasswordSecretData;

/** Hashes and verifies with argon2, records each under {@link CountingHashProviderFactory#ID}, and counts. */
final class CountingHashProvider implements PasswordHashProvider {

    private final CountingHashProviderFactory counts;
    private final PasswordHashProvider real;

    CountingHashProvider(CountingHashProviderFactory counts, PasswordHashProvider real) {
        this.counts = counts;
        this.real = real;
    }

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        // Ours, not argon2's (which wants its own id in the policy): a hash of ours with the policy's iterations
        // needs no re-hash at login.
        PasswordCredentialData data = credential.getPasswordCredentialData();
        int iterations = policy == null ? -1 : policy.getHashIterations();
        return CountingHashProviderFactory.ID.equals(data.getAlgorithm())
                && (iterations == -1 || iterations == data.getHashIterations());
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        counts.encodings.incrementAndGet();
        PasswordCredentialModel hashed = real.encodedCredential(rawPassword, iterations);
        PasswordCredentialData data = hashed.getPasswordCredentialData();
        PasswordSecretData secret = hashed.getPasswordSecretData();
        // The factory that takes the values (not the one that takes the two data objects, which leaves the model's
        // JSON fields empty: Keycloak would store a password that no login can verify).
        return PasswordCredentialModel.createFromValues(
                CountingHashProviderFactory.ID,
                secret.getSalt(),
                data.getHashIterations(),
                data.getAdditionalParameters(),
                secret.getValue());
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        counts.verifications.incrementAndGet();
        return real.verify(rawPassword, credential);
    }

    @Override
    public void close() {}
}
