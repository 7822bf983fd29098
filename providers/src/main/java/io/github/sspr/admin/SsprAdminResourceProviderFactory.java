package io.github.sspr.admin;

import io.github.sspr.access.RecoveryQuality;
import io.github.sspr.credentials.RecoveryMixes;
import io.github.sspr.expiry.remind.PasswordExpiryTask;
import io.github.sspr.spi.OncePerCluster;
import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts SSPR's admin REST API at {@code /admin/realms/{realm}/sspr}, and schedules the recovery-data quality task
 * (docs/insight.md): server options {@code --spi-realm-restapi-extension--sspr--quality-shared-threshold=3} (accounts
 * per phone or mailbox from which it counts as shared, 2–1000) and {@code …--quality-interval-hours=24} (1–168); and
 * the password-expiry reminders ({@code …--expiry-interval-hours=6}, 1–24); each run once per interval in the cluster
 * ({@link OncePerCluster}).
 */
public class SsprAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "sspr";

    private RecoveryQuality quality = new RecoveryQuality(3, Duration.ofHours(24));
    private Duration qualityInterval = Duration.ofHours(24);
    private PasswordExpiryTask expiry = new PasswordExpiryTask(null);
    private Duration expiryInterval = Duration.ofHours(6);

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(
                    KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
                return new SsprAdminResource(
                        s, realm, auth, adminEvent.clone(s).resource(ResourceType.USER), quality, expiry);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void init(Config.Scope config) {
        int threshold = Math.max(2, Math.min(1000, config.getInt("quality-shared-threshold", 3)));
        qualityInterval = OncePerCluster.interval(
                Duration.ofHours(Math.max(1, Math.min(168, config.getInt("quality-interval-hours", 24)))));
        quality = new RecoveryQuality(threshold, qualityInterval);
        expiryInterval = OncePerCluster.interval(
                Duration.ofHours(Math.max(1, Math.min(24, config.getInt("expiry-interval-hours", 6)))));
        expiry = new PasswordExpiryTask(serverBase());
    }

    /**
     * The server's public base URL for links in mails a scheduled task sends (it has no request to take it from):
     * Keycloak's {@code hostname} option, a URL or a host name (then https); {@code null} without one. Keycloak hands
     * the option to its hostname provider ({@code v2}) as that provider's {@code hostname} setting, which this reads.
     */
    public static String serverBase() {
        String hostname = Config.scope("hostname", "v2").get("hostname");
        if (hostname == null || hostname.isBlank()) {
            return null;
        }
        String url =
                hostname.startsWith("http://") || hostname.startsWith("https://") ? hostname : "https://" + hostname;
        return url.endsWith("/") ? url : url + "/";
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                RecoveryQuality.forget(
                        removed.getKeycloakSession(), removed.getRealm().getId());
                RecoveryMixes.forget(
                        removed.getKeycloakSession(), removed.getRealm().getId());
            }
        });
        OncePerCluster.schedule(factory, quality, qualityInterval);
        OncePerCluster.schedule(factory, expiry, expiryInterval);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name("quality-shared-threshold")
                .type("int")
                .helpText("Accounts per recovery phone or mailbox from which it is reported as shared (2-1000).")
                .defaultValue(3)
                .add()
                .property()
                .name("quality-interval-hours")
                .type("int")
                .helpText("Hours between two computations of the recovery-data findings (1-168).")
                .defaultValue(24)
                .add()
                .property()
                .name("expiry-interval-hours")
                .type("int")
                .helpText("Hours between two runs of the password-expiry reminders (1-24).")
                .defaultValue(6)
                .add()
                .build();
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
