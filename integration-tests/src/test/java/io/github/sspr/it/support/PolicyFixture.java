package io.github.sspr.it.support;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Sets the realm's SSPR policy the way an admin does: the realm's one {@code sspr-policy} component, through the
 * admin REST API. A realm that ships a policy (the demo realm does) has it replaced for the test and restored by
 * {@link #close()}; a realm without one gets one, removed again by {@link #close()}.
 */
public final class PolicyFixture implements AutoCloseable {

    public static final String PROVIDER_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";
    public static final String PROVIDER_ID = "sspr-policy";

    private final ManagedRealm realm;
    private final String id;
    /** The policy the realm had before, or {@code null} when the fixture created the component. */
    private final MultivaluedHashMap<String, String> previous;

    private PolicyFixture(ManagedRealm realm, String id, MultivaluedHashMap<String, String> previous) {
        this.realm = realm;
        this.id = id;
        this.previous = previous;
    }

    /**
     * Saves a policy made of {@code config} on the realm's existing policy component: options not named keep their
     * current values (Keycloak's component update keeps keys it is not given), so pass an empty value to unset one.
     *
     * @param config option name to its values (see SsprPolicyConfig)
     */
    public static PolicyFixture apply(ManagedRealm realm, Map<String, List<String>> config) {
        MultivaluedHashMap<String, String> values = new MultivaluedHashMap<>();
        config.forEach(values::put);
        String realmId = realm.admin().toRepresentation().getId();
        ComponentRepresentation existing = realm.admin().components().query(realmId, PROVIDER_TYPE).stream()
                .filter(c -> PROVIDER_ID.equals(c.getProviderId()))
                .findFirst()
                .orElse(null);
        if (existing != null) {
            MultivaluedHashMap<String, String> previous = new MultivaluedHashMap<>(existing.getConfig());
            existing.setConfig(values);
            realm.admin().components().component(existing.getId()).update(existing);
            return new PolicyFixture(realm, existing.getId(), previous);
        }
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName(PROVIDER_ID);
        component.setProviderId(PROVIDER_ID);
        component.setProviderType(PROVIDER_TYPE);
        component.setParentId(realmId);
        component.setConfig(values);
        try (Response response = realm.admin().components().add(component)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException(
                        "Cannot save the policy: " + response.getStatus() + " " + response.readEntity(String.class));
            }
            String location = response.getLocation().getPath();
            return new PolicyFixture(realm, location.substring(location.lastIndexOf('/') + 1), null);
        }
    }

    @Override
    public void close() {
        if (previous == null) {
            realm.admin().components().component(id).remove();
            return;
        }
        ComponentRepresentation component =
                realm.admin().components().component(id).toRepresentation();
        // Keycloak's component update keeps keys it is not given: a key this fixture added is emptied, which unsets it.
        MultivaluedHashMap<String, String> restored = new MultivaluedHashMap<>(previous);
        if (component.getConfig() != null) {
            component.getConfig().keySet().stream()
                    .filter(key -> !previous.containsKey(key))
                    .forEach(key -> restored.put(key, new java.util.ArrayList<>()));
        }
        component.setConfig(restored);
        realm.admin().components().component(id).update(component);
    }
}
