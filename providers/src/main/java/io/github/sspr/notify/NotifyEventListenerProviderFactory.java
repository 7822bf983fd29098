package io.github.sspr.notify;

import io.github.sspr.spi.StatelessProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Event listener {@code sspr-notify}: add it to a realm's event listeners to email users when their password is
 * changed or reset by an admin, and all realm admins when an admin resets their own password.
 */
public class NotifyEventListenerProviderFactory
        implements EventListenerProviderFactory, StatelessProviderFactory<EventListenerProvider> {

    public static final String ID = "sspr-notify";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new NotifyEventListenerProvider(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
