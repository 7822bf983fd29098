package io.github.sspr.reset;

import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

public final class ResetIdentifyFactory extends ResetAuthenticatorFactory {

    public static final String ID = "sspr-reset-identify";

    /** This node's identify timing floor, shared by every request (TimingFloor). */
    private final TimingFloor floor = new TimingFloor();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "SSPR: identify (anti-enumeration, proof-of-work)";
    }

    @Override
    public String getHelpText() {
        return "First step of the SSPR reset flow: asks for a username or email behind a proof-of-work check; unknown,"
                + " disabled or unregistered accounts continue on an identical decoy path.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ResetIdentifyConfig.metadata();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new ResetIdentify(session, floor);
    }
}
