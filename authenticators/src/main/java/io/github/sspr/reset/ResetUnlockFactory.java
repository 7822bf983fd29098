package io.github.sspr.reset;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public final class ResetUnlockFactory extends ResetAuthenticatorFactory {

    public static final String ID = "sspr-reset-unlock";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "SSPR: unlock and finish";
    }

    @Override
    public String getHelpText() {
        return "Last step of the SSPR reset flow: clears the brute-force lockout and the directory lockout (policy),"
                + " signs out other sessions, notifies the user and returns to the sign-in page.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new ResetUnlock(session);
    }
}
