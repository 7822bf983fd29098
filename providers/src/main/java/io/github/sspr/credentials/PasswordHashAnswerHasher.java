package io.github.sspr.credentials;

import io.github.sspr.credentials.questions.AnswerHasher;
import io.github.sspr.credentials.questions.StoredHash;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * {@link AnswerHasher} over Keycloak's password-hash providers, so answers get the same algorithm, cost and FIPS
 * behaviour as the realm's passwords. New hashes use the realm's password-policy algorithm, else the server's default
 * provider, else {@value #FALLBACK_ALGORITHM}; checks use the algorithm recorded with each hash, so a later change of
 * the realm's algorithm does not break existing registrations.
 */
public final class PasswordHashAnswerHasher implements AnswerHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHashAnswerHasher.class);

    /** Available in every Keycloak, FIPS mode included. */
    public static final String FALLBACK_ALGORITHM = "pbkdf2-sha512";

    private final Function<String, PasswordHashProvider> providers;
    private final Supplier<PasswordHashProvider> serverDefault;
    private final String policyAlgorithm;
    private final int policyIterations;

    /**
     * @param providers the provider for an algorithm id, or {@code null} when there is none
     * @param serverDefault the server's default provider, or {@code null}
     * @param policyAlgorithm the realm policy's algorithm, or {@code null} when the policy does not set one
     * @param policyIterations the realm policy's iterations, or -1 for the provider's default
     */
    public PasswordHashAnswerHasher(
            Function<String, PasswordHashProvider> providers,
            Supplier<PasswordHashProvider> serverDefault,
            String policyAlgorithm,
            int policyIterations) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.serverDefault = Objects.requireNonNull(serverDefault, "serverDefault");
        this.policyAlgorithm = policyAlgorithm;
        this.policyIterations = policyIterations;
    }

    /** The hasher for {@code realm}'s password policy. */
    public static PasswordHashAnswerHasher forRealm(KeycloakSession session, RealmModel realm) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        return new PasswordHashAnswerHasher(
                algorithm -> session.getProvider(PasswordHashProvider.class, algorithm),
                () -> session.getProvider(PasswordHashProvider.class),
                policy == null ? null : policy.getHashAlgorithm(),
                policy == null ? -1 : policy.getHashIterations());
    }

    @Override
    public StoredHash hash(String secret) {
        PasswordCredentialModel encoded = providerForNewHashes().encodedCredential(secret, policyIterations);
        return new StoredHash(encoded.getCredentialData(), encoded.getSecretData());
    }

    @Override
    public boolean verify(String secret, StoredHash stored) {
        CredentialModel model = new CredentialModel();
        model.setType(PasswordCredentialModel.TYPE);
        model.setCredentialData(stored.credentialData());
        model.setSecretData(stored.secretData());
        PasswordCredentialModel password = PasswordCredentialModel.createFromCredentialModel(model);
        String algorithm = password.getPasswordCredentialData().getAlgorithm();
        PasswordHashProvider provider = algorithm == null ? null : providers.apply(algorithm);
        if (provider == null) {
            // The answers cannot be checked on this server; failing closed is the only safe answer.
            LOG.warnf("Security-question hash algorithm %s is not available; answers cannot be verified", algorithm);
            return false;
        }
        return provider.verify(secret, password);
    }

    private PasswordHashProvider providerForNewHashes() {
        if (policyAlgorithm != null) {
            PasswordHashProvider provider = providers.apply(policyAlgorithm);
            if (provider != null) {
                return provider;
            }
            LOG.warnf("Password-policy hash algorithm %s not found; using the server default", policyAlgorithm);
        }
        PasswordHashProvider provider = serverDefault.get();
        if (provider == null) {
            provider = providers.apply(FALLBACK_ALGORITHM);
        }
        if (provider == null) {
            throw new IllegalStateException("No password-hash provider is available for security-question answers");
        }
        return provider;
    }
}
