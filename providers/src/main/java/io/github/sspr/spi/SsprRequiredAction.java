package io.github.sspr.spi;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * What our required actions (registration, change password) share as Keycloak providers: the request's session, an
 * application may ask for them ({@code kc_action}), and nothing to close.
 */
public abstract class SsprRequiredAction implements RequiredActionProvider {

    protected final KeycloakSession session;

    protected SsprRequiredAction(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void close() {}
}
