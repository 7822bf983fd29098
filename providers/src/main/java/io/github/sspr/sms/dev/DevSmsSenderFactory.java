package io.github.sspr.sms.dev;

import io.github.sspr.sms.SmsSender;
import io.github.sspr.sms.SmsSenderFactory;
import java.nio.file.Path;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * A development sink that "sends" by appending each message to an outbox file (one JSON object per line) instead of
 * calling a carrier. It exists only when switched on ({@code --spi-sspr-sms-sender--dev--enabled=true}): the outbox
 * holds one-time codes in clear, which is what a demo needs and what production must never have.
 */
public class DevSmsSenderFactory implements SmsSenderFactory, EnvironmentDependentProviderFactory {

    public static final String ID = "dev";
    static final String ENABLED = "enabled";
    static final String OUTBOX = "outbox";

    private Outbox outbox;

    @Override
    public SmsSender create(KeycloakSession session) {
        return new DevSmsSender(outbox);
    }

    @Override
    public void init(Config.Scope scope) {
        String configured = scope.get(OUTBOX);
        Path path = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("kc.home.dir", "."), "data", "sspr-outbox.jsonl");
        outbox = new Outbox(path);
    }

    @Override
    public boolean isSupported(Config.Scope scope) {
        return scope.getBoolean(ENABLED, false);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(ENABLED)
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(false)
                .helpText("Switch the development sink on. Never in production: the outbox holds codes in clear.")
                .add()
                .property()
                .name(OUTBOX)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Outbox file (JSON lines); default data/sspr-outbox.jsonl under the Keycloak home.")
                .add()
                .build();
    }
}
