package io.github.sspr.delivery.guard;

import org.keycloak.provider.ProviderFactory;

/** Factory of {@link SendGuardsProvider}s; it holds the one {@link SendGuards} of the server. */
public interface SendGuardsProviderFactory extends ProviderFactory<SendGuardsProvider> {}
