package io.github.sspr.bench.hashes;

import java.util.concurrent.atomic.AtomicLong;
import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * {@value #ID}: Keycloak's argon2 under another name, counting. A realm whose password policy says {@code
 * hashAlgorithm(bench-counting-argon2)} hashes and verifies every password (and every security-question answer set,
 * which uses the realm's password hash) through it, at argon2's cost. The counts live in this factory, which Keycloak
 * keeps once per server; {@link HashCountResourceFactory} reads them.
 */
public class CountingHashProviderFactory implements PasswordHashProviderFactory {

    public static final String ID = "bench-counting-argon2";

    /** The provider counted: Keycloak's default, the same one the benchmark's realms would use without us. */
    static final String REAL = "argon2";

    final AtomicLong encodings = new AtomicLong();
    final AtomicLong verifications = new AtomicLong();

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return new CountingHashProvider(this, session.getProvider(PasswordHashProvider.class, REAL));
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
