package io.github.sspr.policy.store;

import io.github.sspr.config.SettingError;
import io.github.sspr.config.console.SettingProperties;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.SsprPolicyConfig;
import io.github.sspr.policy.StoredPolicy;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The realm's SSPR policy as an admin-console page (Keycloak's declarative admin-UI SPI, {@code ui-page}). The admin
 * console renders the form from {@link io.github.sspr.policy.store.SsprPolicyPageFactory.metadata()} and saves it as a realm-level component, which is
 * what {@link SsprPolicies#forRealm} reads and what realm export and import carry.
 *
 * <p>This page needs Keycloak's experimental {@code declarative-ui} feature; the SSPR dashboard's policy editor does not
 * (docs/policy.md). Every save goes through {@link #validateConfiguration}, whether it comes from the console, the
 * components REST API or a realm import: a bad value is refused with a 400 naming the field ({@link PolicyChecks}).
 */
public class SsprPolicyPageFactory implements UiPageProviderFactory<ComponentModel> {

    @Override
    public ComponentModel create(KeycloakSession session, ComponentModel model) {
        // The page has no run-time behaviour of its own: readers go through SsprPolicies.forRealm.
        return model;
    }

    @Override
    public String getId() {
        return SsprPolicies.PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Self-service password reset policy of this realm: who may reset, with which methods and gates, security"
                + " questions, re-confirmation, helpdesk link, branding and SMS/voice countries. One per realm."
                + " Also edited, with per-field errors and in six languages, in the SSPR dashboard:"
                + " /realms/<this realm>/sspr-dashboard/?view=policy (the home URL of client sspr-dashboard).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return metadata();
    }

    /** Columns of the console's list of policies, and the field whose value titles the policy's page. */
    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of(
                "displayFields",
                List.of(SsprPolicyConfig.ENABLED, SsprPolicyConfig.GATES_REQUIRED, SsprPolicyConfig.ORG_NAME));
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        List<SettingError> errors = PolicyChecks.problems(session, realm, model);
        if (!errors.isEmpty()) {
            throw PolicyChecks.invalid(errors);
        }
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // A realm imported with its policy (imports skip onCreate) gets its sign-in page's unlock link.
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmModel realm = created.getCreatedRealm();
                UnlockLink.sync(realm, SsprPolicies.forRealm(realm));
            }
        });
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        UnlockLink.sync(realm, StoredPolicy.read(model.getConfig()));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        UnlockLink.sync(realm, StoredPolicy.read(newModel.getConfig()));
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        UnlockLink.sync(realm, SsprPolicy.defaults());
    }

    @Override
    public void close() {}

    /** The policy component's configuration form, from the settings' declarations. */
    public static List<ProviderConfigProperty> metadata() {
        return SettingProperties.of(SsprPolicyConfig.SETTINGS.settings());
    }
}
