package io.github.sspr.delivery.guard;

import io.github.sspr.spi.SsprSpi;

/** The {@code sspr-send-guards} SPI: the server's send lanes and provider circuit breakers. */
public class SendGuardsSpi extends SsprSpi {

    public static final String NAME = "sspr-send-guards";

    public SendGuardsSpi() {
        super(NAME, SendGuardsProvider.class, SendGuardsProviderFactory.class);
    }
}
