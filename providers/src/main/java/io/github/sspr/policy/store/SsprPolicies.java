package io.github.sspr.policy.store;

import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.StoredPolicy;
import java.util.Optional;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Where a realm's SSPR policy lives: one realm-level component of the admin console's page type
 * ({@code org.keycloak.services.ui.extend.UiPageProvider}) with provider id {@value #PROVIDER_ID}. Being a component,
 * it is exported and imported with the realm. A realm without one runs on {@link SsprPolicy#defaults()}.
 */
public final class SsprPolicies {

    /** Provider id of the policy component (and of its admin-console page). */
    public static final String PROVIDER_ID = "sspr-policy";

    /** The component's provider type: Keycloak's admin-UI page SPI. */
    public static final String PROVIDER_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";

    private SsprPolicies() {}

    /** The realm's policy component, if an admin saved one. */
    public static Optional<ComponentModel> component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), PROVIDER_TYPE)
                .filter(c -> PROVIDER_ID.equals(c.getProviderId()))
                .findFirst();
    }

    /** The realm's policy, read through the typed reader (bad stored values fall back to safe defaults). */
    public static SsprPolicy forRealm(RealmModel realm) {
        return component(realm).map(c -> StoredPolicy.read(c.getConfig())).orElseGet(SsprPolicy::defaults);
    }

    /** Session attribute under which a request keeps its realm's policy, so that it is read once per request. */
    private static final String REQUEST_COPY = "sspr.policy.";

    /**
     * The realm's policy for this request: read on the request's first ask, then the same copy for every later one
     * (the reset flow, the throttle, the branding and the notifications of one request all ask). A change saved by
     * another request holds from the next request on, on every node.
     */
    public static SsprPolicy forRequest(KeycloakSession session, RealmModel realm) {
        String key = REQUEST_COPY + realm.getId();
        SsprPolicy policy = session.getAttribute(key, SsprPolicy.class);
        if (policy == null) {
            policy = forRealm(realm);
            session.setAttribute(key, policy);
        }
        return policy;
    }

    /** Forgets the request's copy after the policy was saved, so that the rest of the request sees the new one. */
    public static void forget(KeycloakSession session, RealmModel realm) {
        session.removeAttribute(REQUEST_COPY + realm.getId());
    }

    /**
     * Stores the realm's policy component (already checked by {@link PolicyChecks}): through Keycloak's component store,
     * which validates it once more when the admin-console page's SPI is loaded.
     */
    public static void store(KeycloakSession session, RealmModel realm, ComponentModel model, boolean create) {
        if (create) {
            model.setId(realm.addComponentModel(model).getId());
        } else {
            realm.updateComponent(model);
        }
    }
}
