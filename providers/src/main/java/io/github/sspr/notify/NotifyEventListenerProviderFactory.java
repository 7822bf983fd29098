package io.github.sspr.notify;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Event listener {@code sspr-notify}: add it to a realm's event listeners to email users when their password is
 * changed or reset by an admin, and all realm admins when an admin resets their own password.
 */
public class NotifyEventListenerProviderFactory implements EventListenerProviderFactory {

    public static final String ID = "sspr-notify";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new NotifyEventListenerProvider(session);
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
