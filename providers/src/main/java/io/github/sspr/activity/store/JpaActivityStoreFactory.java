package io.github.sspr.activity.store;

import io.github.sspr.spi.OncePerCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * The {@code jpa} activity store. Server options ({@code --spi-sspr-activity-store--jpa--retention-days=N}):
 * retention in days, 1–365, default 30; a value outside is refused at start-up rather than silently clamped.
 */
public class JpaActivityStoreFactory implements ActivityStoreFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "jpa";
    public static final String RETENTION_DAYS = "retention-days";
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 365;

    /** How often the retention task runs in the cluster. */
    static final Duration RETENTION_INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(JpaActivityStoreFactory.class);

    private int retentionDays = DEFAULT_RETENTION_DAYS;

    @Override
    public ActivityStore create(KeycloakSession session) {
        return new JpaActivityStore(
                session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void init(Config.Scope config) {
        retentionDays = retentionDays(config.getInt(RETENTION_DAYS, DEFAULT_RETENTION_DAYS));
    }

    static int retentionDays(int configured) {
        if (configured < 1 || configured > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("spi-" + ActivityStoreSpi.NAME + "--" + ID + "--" + RETENTION_DAYS
                    + " must be between 1 and " + MAX_RETENTION_DAYS + ", was " + configured);
        }
        return configured;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // A removed realm takes its activity with it, in the transaction that removes the realm.
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                removed.getKeycloakSession()
                        .getProvider(ActivityStore.class)
                        .removeRealm(removed.getRealm().getId());
            }
        });
        OncePerCluster.schedule(
                factory, new ActivityRetentionTask(retentionDays), OncePerCluster.interval(RETENTION_INTERVAL));
        LOG.debugf("Activity retention: %d days", retentionDays);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(RETENTION_DAYS)
                .type("int")
                .helpText("Days to keep SSPR activity rows (1-" + MAX_RETENTION_DAYS + ").")
                .defaultValue(DEFAULT_RETENTION_DAYS)
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(RETENTION_DAYS, Integer.toString(retentionDays));
    }

    @Override
    public String getId() {
        return ID;
    }
}
