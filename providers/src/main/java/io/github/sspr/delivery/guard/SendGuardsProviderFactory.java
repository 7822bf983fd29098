package io.github.sspr.delivery.guard;

import io.github.sspr.spi.StatelessProviderFactory;

/** Factory of {@link SendGuardsProvider}s; it holds the one {@link SendGuards} of the server. */
public interface SendGuardsProviderFactory extends StatelessProviderFactory<SendGuardsProvider> {}
