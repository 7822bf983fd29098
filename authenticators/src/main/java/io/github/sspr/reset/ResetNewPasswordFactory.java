package io.github.sspr.reset;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public final class ResetNewPasswordFactory extends ResetAuthenticatorFactory {

    public static final String ID = "sspr-reset-password";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "SSPR: new password (rules, checklist, writeback)";
    }

    @Override
    public String getHelpText() {
        return "Sets the new password after the verification gates, through Keycloak's credential manager (so the realm's"
                + " and the directory's policies and LDAP writeback apply); every broken rule is explained.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new ResetNewPassword(session);
    }
}
