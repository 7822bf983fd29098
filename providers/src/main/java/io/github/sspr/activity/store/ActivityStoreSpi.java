package io.github.sspr.activity.store;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code sspr-activity-store} SPI: where SSPR keeps its activity rows ({@code jpa} by default). */
public class ActivityStoreSpi implements Spi {

    public static final String NAME = "sspr-activity-store";

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
        return ActivityStore.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ActivityStoreFactory.class;
    }
}
