package io.github.sspr.delivery.guard;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code sspr-send-guards} SPI: the server's send lanes and provider circuit breakers. */
public class SendGuardsSpi implements Spi {

    public static final String NAME = "sspr-send-guards";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SendGuardsProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SendGuardsProviderFactory.class;
    }
}
