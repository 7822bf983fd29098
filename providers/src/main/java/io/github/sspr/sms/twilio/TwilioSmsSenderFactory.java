package io.github.sspr.sms.twilio;

import io.github.sspr.sms.SmsSender;
import io.github.sspr.sms.SmsSenderFactory;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** The default {@code sspr-sms-sender}: Twilio's REST API through Keycloak's HTTP client. */
public class TwilioSmsSenderFactory implements SmsSenderFactory {

    public static final String ID = "twilio";

    private TwilioConfig config;

    @Override
    public SmsSender create(KeycloakSession session) {
        return new TwilioSmsSender(session, config);
    }

    @Override
    public void init(Config.Scope scope) {
        config = TwilioConfig.read(scope);
    }

    @Override
    public String getId() {
        return ID;
    }

    /** Higher than the dev sink's, so Twilio is the default when both are available. */
    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return TwilioConfig.metadata();
    }
}
