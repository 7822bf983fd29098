package io.github.sspr.spi;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory with nothing to read at boot, nothing to start after boot and nothing to close: most of ours. A
 * factory that has something to do overrides just that method.
 *
 * @param <T> the provider the factory makes (the same type argument as the Keycloak factory interface it implements)
 */
public interface StatelessProviderFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {}

    @Override
    default void postInit(KeycloakSessionFactory factory) {}

    @Override
    default void close() {}
}
