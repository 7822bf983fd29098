package io.github.sspr.activity.store;

import org.keycloak.provider.ProviderFactory;

/** Factory of the {@code sspr-activity-store} SPI. */
public interface ActivityStoreFactory extends ProviderFactory<ActivityStore> {}
