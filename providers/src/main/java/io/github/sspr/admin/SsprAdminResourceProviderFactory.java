package io.github.sspr.admin;

import io.github.sspr.spi.StatelessProviderFactory;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts SSPR's admin REST API at {@code /admin/realms/{realm}/sspr}. */
public class SsprAdminResourceProviderFactory
        implements AdminRealmResourceProviderFactory, StatelessProviderFactory<AdminRealmResourceProvider> {

    public static final String ID = "sspr";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(
                    KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
                return new SsprAdminResource(s, realm, auth, adminEvent.clone(s).resource(ResourceType.USER));
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
