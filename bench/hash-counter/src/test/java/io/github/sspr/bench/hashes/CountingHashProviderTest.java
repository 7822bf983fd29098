package io.github.sspr.bench.hashes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/** The counting hash stores what a login can verify, under its own name, and counts every hash. */
class CountingHashProviderTest {

    /** A stand-in for argon2: "hashes" by reversing the password with the salt appended. */
    private static final class Reversing implements PasswordHashProvider {
        @Override
        public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
            return true;
        }

        @Override
        public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
            byte[] salt = "salt-16-bytes!!!".getBytes(StandardCharsets.UTF_8);
            return PasswordCredentialModel.createFromValues(
                    "argon2", salt, 5, Map.of("memory", List.of("7168")), encode(rawPassword, salt));
        }

        @Override
        public boolean verify(String rawPassword, PasswordCredentialModel credential) {
            return encode(rawPassword, credential.getPasswordSecretData().getSalt())
                    .equals(credential.getPasswordSecretData().getValue());
        }

        private static String encode(String raw, byte[] salt) {
            return new StringBuilder(raw).reverse() + new String(salt, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {}
    }

    @Test
    void aStoredHashIsVerifiedAfterTheRoundTripThroughTheDatabaseFields() {
        CountingHashProviderFactory counts = new CountingHashProviderFactory();
        CountingHashProvider hash = new CountingHashProvider(counts, new Reversing());

        PasswordCredentialModel encoded = hash.encodedCredential("Brand-New-Passw0rd!", -1);
        // What Keycloak's JPA store keeps of a credential: its two JSON strings.
        CredentialModel stored = new CredentialModel();
        stored.setType(PasswordCredentialModel.TYPE);
        stored.setCredentialData(encoded.getCredentialData());
        stored.setSecretData(encoded.getSecretData());
        PasswordCredentialModel read = PasswordCredentialModel.createFromCredentialModel(stored);

        assertEquals(
                CountingHashProviderFactory.ID, read.getPasswordCredentialData().getAlgorithm());
        assertEquals(5, read.getPasswordCredentialData().getHashIterations());
        assertEquals(
                List.of("7168"),
                read.getPasswordCredentialData().getAdditionalParameters().get("memory"));
        assertTrue(hash.verify("Brand-New-Passw0rd!", read));
        assertFalse(hash.verify("Brand-New-Passw0rd?", read));
        assertEquals(1, counts.encodings.get());
        assertEquals(2, counts.verifications.get());
    }
}
