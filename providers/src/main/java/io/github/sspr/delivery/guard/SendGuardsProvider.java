package io.github.sspr.delivery.guard;

import org.keycloak.provider.Provider;

/** Hands a session the server's {@link SendGuards}. */
public interface SendGuardsProvider extends Provider {

    SendGuards guards();

    @Override
    default void close() {}
}
