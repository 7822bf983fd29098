package io.github.sspr.activity;

import io.github.sspr.spi.StatelessProviderFactory;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Event listener {@code sspr-activity}: enable it in a realm's event listeners to record its SSPR activity. */
public class ActivityEventListenerProviderFactory
        implements EventListenerProviderFactory, StatelessProviderFactory<EventListenerProvider> {

    public static final String ID = "sspr-activity";

    private ActivityMetrics metrics;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ActivityEventListenerProvider(session, metrics);
    }

    @Override
    public void init(Config.Scope config) {
        // Keycloak (Quarkus) adds its Prometheus registry to Micrometer's global one when metrics are enabled;
        // otherwise counting is a no-op.
        metrics = ActivityMetrics.global();
    }

    @Override
    public String getId() {
        return ID;
    }
}
