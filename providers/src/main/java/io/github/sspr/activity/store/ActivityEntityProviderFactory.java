package io.github.sspr.activity.store;

import io.github.sspr.spi.StatelessProviderFactory;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the activity table with Keycloak's JPA; Keycloak runs our changelog at start-up. */
public class ActivityEntityProviderFactory
        implements JpaEntityProviderFactory, StatelessProviderFactory<JpaEntityProvider> {

    /** Also the key of our changelog in Keycloak's Liquibase bookkeeping: never change it. */
    public static final String ID = "sspr-activity";

    private static final ActivityEntityProvider PROVIDER = new ActivityEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public String getId() {
        return ID;
    }
}
