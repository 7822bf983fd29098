package io.github.sspr.bench.hashes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code GET /realms/<any>/bench-hashes}: the password hashes computed so far on this server, {@code {"encodings": n,
 * "verifications": m}}. Open to anyone: it exists only in the benchmark's Keycloak.
 */
public class HashCountResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "bench-hashes";

    private CountingHashProviderFactory counts;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new Resource(counts);
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

    /** The resource itself. */
    public static final class Resource implements RealmResourceProvider {
        private final CountingHashProviderFactory counts;

        Resource(CountingHashProviderFactory counts) {
            this.counts = counts;
        }

        @Override
        public Object getResource() {
            return this;
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Long> counts() {
            return Map.of("encodings", counts.encodings.get(), "verifications", counts.verifications.get());
        }

        @Override
        public void close() {}
    }
}
