package io.github.sspr.delivery.guard;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Holds the server's {@link SendGuards}, built once from the server options
 * ({@code --spi-sspr-send-guards--default--<option>}, docs/sms.md).
 */
public class DefaultSendGuardsProviderFactory implements SendGuardsProviderFactory {

    public static final String ID = "default";
    static final String BREAKER_FAILURES = "breaker-failures";
    static final String BREAKER_WINDOW = "breaker-window-seconds";
    static final String BREAKER_OPEN = "breaker-open-seconds";
    static final String LANE_CAPACITY = "lane-capacity";
    static final int DEFAULT_LANE_CAPACITY = 25;

    private SendGuards guards;

    @Override
    public SendGuardsProvider create(KeycloakSession session) {
        SendGuards shared = guards;
        return () -> shared;
    }

    @Override
    public void init(Config.Scope config) {
        CircuitBreaker.Settings defaults = CircuitBreaker.Settings.defaults();
        CircuitBreaker.Settings breaker = new CircuitBreaker.Settings(
                config.getInt(BREAKER_FAILURES, defaults.failures()),
                Duration.ofSeconds(
                        config.getInt(BREAKER_WINDOW, (int) defaults.window().toSeconds())),
                Duration.ofSeconds(
                        config.getInt(BREAKER_OPEN, (int) defaults.openFor().toSeconds())));
        guards = new SendGuards(breaker, config.getInt(LANE_CAPACITY, DEFAULT_LANE_CAPACITY), Time::currentTimeMillis);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                guards.forgetRealm(removed.getRealm().getId());
            }
        });
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        CircuitBreaker.Settings defaults = CircuitBreaker.Settings.defaults();
        return ProviderConfigurationBuilder.create()
                .property()
                .name(BREAKER_FAILURES)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(defaults.failures())
                .helpText("Consecutive SMS/voice provider failures that stop calls to it for a while.")
                .add()
                .property()
                .name(BREAKER_WINDOW)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(defaults.window().toSeconds())
                .helpText("The failures must fall within this many seconds.")
                .add()
                .property()
                .name(BREAKER_OPEN)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(defaults.openFor().toSeconds())
                .helpText("Seconds the provider is not called before one trial call.")
                .add()
                .property()
                .name(LANE_CAPACITY)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_LANE_CAPACITY)
                .helpText("Code sends waiting or running per channel (email, SMS, voice) on one node.")
                .add()
                .build();
    }
}
