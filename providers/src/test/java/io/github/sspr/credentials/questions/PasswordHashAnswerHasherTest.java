package io.github.sspr.credentials.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.PasswordHashAnswerHasher;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

class PasswordHashAnswerHasherTest {

    private final Map<String, FakeHashProvider> installed = new HashMap<>();

    private FakeHashProvider install(String algorithm) {
        FakeHashProvider provider = new FakeHashProvider(algorithm);
        installed.put(algorithm, provider);
        return provider;
    }

    private PasswordHashAnswerHasher hasher(String policyAlgorithm, FakeHashProvider serverDefault) {
        return new PasswordHashAnswerHasher(installed::get, () -> serverDefault, policyAlgorithm, 27_500);
    }

    @Test
    void newHashesUseTheRealmPolicysAlgorithmAndIterations() {
        install("argon2");
        FakeHashProvider pbkdf2 = install("pbkdf2-sha256");

        StoredHash stored = hasher("pbkdf2-sha256", installed.get("argon2")).hash("answers");

        assertEquals(1, pbkdf2.encodes);
        assertEquals(27_500, pbkdf2.lastIterations);
        assertTrue(stored.credentialData().contains("pbkdf2-sha256"), stored.credentialData());
    }

    @Test
    void withoutAPolicyAlgorithmTheServerDefaultHashes() {
        FakeHashProvider argon2 = install("argon2");

        hasher(null, argon2).hash("answers");
        hasher("no-such-algorithm", argon2).hash("answers");

        assertEquals(2, argon2.encodes);
    }

    @Test
    void withoutAServerDefaultPbkdf2Sha512Hashes() {
        FakeHashProvider pbkdf2 = install(PasswordHashAnswerHasher.FALLBACK_ALGORITHM);

        hasher(null, null).hash("answers");

        assertEquals(1, pbkdf2.encodes);
    }

    @Test
    void withNoProviderAtAllHashingFails() {
        assertThrows(IllegalStateException.class, () -> hasher(null, null).hash("answers"));
    }

    @Test
    void checksUseTheAlgorithmStoredWithTheHash() {
        FakeHashProvider old = install("pbkdf2-sha256");
        FakeHashProvider argon2 = install("argon2");
        StoredHash stored = hasher("pbkdf2-sha256", argon2).hash("answers");

        PasswordHashAnswerHasher afterPolicyChange = hasher("argon2", argon2);

        assertTrue(afterPolicyChange.verify("answers", stored));
        assertFalse(afterPolicyChange.verify("wrong", stored));
        assertEquals(2, old.verifies);
        assertEquals(0, argon2.verifies);
    }

    @Test
    void aHashWhoseAlgorithmIsGoneNeverVerifies() {
        install("pbkdf2-sha256");
        StoredHash stored = hasher("pbkdf2-sha256", null).hash("answers");
        installed.remove("pbkdf2-sha256");

        assertFalse(hasher(null, null).verify("answers", stored));
    }

    /** Stores the secret reversed (a recognisable, checkable transformation) under its algorithm's name. */
    static final class FakeHashProvider implements PasswordHashProvider {
        final String algorithm;
        int encodes;
        int verifies;
        int lastIterations;

        FakeHashProvider(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
            return true;
        }

        @Override
        public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
            encodes++;
            lastIterations = iterations;
            return PasswordCredentialModel.createFromValues(
                    algorithm,
                    "salt".getBytes(StandardCharsets.US_ASCII),
                    iterations,
                    new StringBuilder(rawPassword).reverse().toString());
        }

        @Override
        public boolean verify(String rawPassword, PasswordCredentialModel credential) {
            verifies++;
            return credential
                    .getPasswordSecretData()
                    .getValue()
                    .equals(new StringBuilder(rawPassword).reverse().toString());
        }

        @Override
        public void close() {}
    }
}
