package io.github.sspr.bench.hashes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.services.resource.RealmResourceProvider;

/** {@code GET /realms/<any>/bench-hashes}: {@code {"encodings": n, "verifications": m}} so far on this server. */
public class HashCountResource implements RealmResourceProvider {

    private final CountingHashProviderFactory counts;

    public HashCountResource(CountingHashProviderFactory counts) {
        this.counts = counts;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get() {
        return "{\"encodings\":" + counts.encodings.get() + ",\"verifications\":" + counts.verifications.get() + "}";
    }

    @Override
    public void close() {}
}
