package io.github.sspr.activity.store;

import io.github.sspr.spi.SsprSpi;

/** The {@code sspr-activity-store} SPI: where SSPR keeps its activity rows ({@code jpa} by default). */
public class ActivityStoreSpi extends SsprSpi {

    public static final String NAME = "sspr-activity-store";

    public ActivityStoreSpi() {
        super(NAME, ActivityStore.class, ActivityStoreFactory.class);
    }
}
