package io.github.sspr.it.support;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Sets the realm's SSPR policy the way an admin does: the {@code sspr-policy} component, through the admin REST API.
 * {@link #close()} removes it again, so the realm goes back to the default policy for the next test.
 */
public final class PolicyFixture implements AutoCloseable {

    public static final String PROVIDER_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";
    public static final String PROVIDER_ID = "sspr-policy";

    private final ManagedRealm realm;
    private final String id;

    private PolicyFixture(ManagedRealm realm, String id) {
        this.realm = realm;
        this.id = id;
    }

    /**
     * Saves a policy. When this build has no policy component yet (the admin page ships it), the calling test is
     * skipped, never passed.
     *
     * @param config option name to its values (see SsprPolicyConfig)
     */
    public static PolicyFixture apply(ManagedRealm realm, Map<String, List<String>> config) {
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName(PROVIDER_ID);
        component.setProviderId(PROVIDER_ID);
        component.setProviderType(PROVIDER_TYPE);
        component.setParentId(realm.admin().toRepresentation().getId());
        MultivaluedHashMap<String, String> values = new MultivaluedHashMap<>();
        config.forEach(values::put);
        component.setConfig(values);
        try (Response response = realm.admin().components().add(component)) {
            if (response.getStatus() != 201) {
                String body = response.readEntity(String.class);
                Assumptions.assumeFalse(
                        body.contains("Invalid provider type") || body.contains("Invalid component type"),
                        "the sspr-policy component is not in this build: " + body);
                throw new IllegalStateException("Cannot save the policy: " + response.getStatus() + " " + body);
            }
            String location = response.getLocation().getPath();
            return new PolicyFixture(realm, location.substring(location.lastIndexOf('/') + 1));
        }
    }

    @Override
    public void close() {
        realm.admin().components().component(id).remove();
    }
}
