package io.github.sspr.notify.page;

import io.github.sspr.notify.NotMeTokens;
import io.github.sspr.spi.StatelessProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Public realm resource {@code /realms/{realm}/sspr/…}: the "This wasn't me" page ({@link NotMeResource}). */
public class NotMeResourceProviderFactory
        implements RealmResourceProviderFactory, StatelessProviderFactory<RealmResourceProvider> {

    public static final String ID = NotMeTokens.RESOURCE_ID;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new NotMeResource(session);
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
