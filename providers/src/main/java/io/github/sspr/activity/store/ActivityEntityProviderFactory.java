package io.github.sspr.activity.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the activity table with Keycloak's JPA; Keycloak runs our changelog at start-up. */
public class ActivityEntityProviderFactory implements JpaEntityProviderFactory {

    /** Also the key of our changelog in Keycloak's Liquibase bookkeeping: never change it. */
    public static final String ID = "sspr-activity";

    private static final ActivityEntityProvider PROVIDER = new ActivityEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
