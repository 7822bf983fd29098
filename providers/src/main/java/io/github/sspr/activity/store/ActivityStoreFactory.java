package io.github.sspr.activity.store;

import io.github.sspr.spi.StatelessProviderFactory;

/** Factory of the {@code sspr-activity-store} SPI. */
public interface ActivityStoreFactory extends StatelessProviderFactory<ActivityStore> {}
