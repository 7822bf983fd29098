package io.github.sspr.activity.dashboard;

import io.github.sspr.spi.StatelessProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves the activity dashboard at {@code /realms/{realm}/sspr-dashboard/}: static files only. The page signs the admin
 * in against the realm's public client {@code sspr-dashboard} and reads the admin REST API with that token, so the
 * admin's own roles decide what it shows.
 */
public class DashboardResourceProviderFactory
        implements RealmResourceProviderFactory, StatelessProviderFactory<RealmResourceProvider> {

    public static final String ID = "sspr-dashboard";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new DashboardResource(session);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
