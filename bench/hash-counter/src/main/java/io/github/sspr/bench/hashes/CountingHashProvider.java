package io.github.sspr.bench.hashes;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.dto.PasswordCredentialData;

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
        return PasswordCredentialModel.createFromValues(
                new PasswordCredentialData(
                        data.getHashIterations(), CountingHashProviderFactory.ID, data.getAdditionalParameters()),
                hashed.getPasswordSecretData());
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        counts.verifications.incrementAndGet();
        return real.verify(rawPassword, credential);
    }

    @Override
    public void close() {}
}
