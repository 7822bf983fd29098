package io.github.sspr.bench.hashes;

import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code GET /realms/<any>/bench-hashes} ({@link HashCountResource}). Open to anyone: it exists only in the
 * benchmark's Keycloak.
 */
public class HashCountResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "bench-hashes";

    private CountingHashProviderFactory counts;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new HashCountResource(counts);
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        counts = (CountingHashProviderFactory)
                factory.getProviderFactory(PasswordHashProvider.class, CountingHashProviderFactory.ID);
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
