package io.github.sspr.reset;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public final class ResetGatesFactory extends ResetAuthenticatorFactory {

    public static final String ID = "sspr-reset-gates";

    /** This node's timing floor per gate action, shared by every request (TimingFloor, docs/reset-identify.md). */
    private final Map<String, TimingFloor> floors = ResetGates.TIMED_ACTIONS.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), action -> new TimingFloor()));

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "SSPR: verification gates (email, SMS, voice, questions)";
    }

    @Override
    public String getHelpText() {
        return "Verifies the person with as many of their registered recovery methods as the realm's SSPR policy asks"
                + " (1 or 2, each a different factor; privileged users 2 without security questions).";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new ResetGates(session, floors);
    }
}
