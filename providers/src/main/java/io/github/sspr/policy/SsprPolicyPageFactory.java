package io.github.sspr.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The realm's SSPR policy as an admin-console page (Keycloak's declarative admin-UI SPI, {@code ui-page}). The admin
 * console renders the form from {@link SsprPolicyConfig#metadata()} and saves it as a realm-level component, which is
 * what {@link SsprPolicies#forRealm} reads and what realm export and import carry.
 *
 * <p>Every save goes through {@link #validateConfiguration}, whether it comes from the console, the components REST API
 * or a realm import: a bad value is refused with a message naming the field, never discovered at a user's reset.
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
                + " Activity dashboard: /realms/<this realm>/sspr-dashboard/ (the home URL of client sspr-dashboard).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return SsprPolicyConfig.metadata();
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
        List<PolicyError> errors = new ArrayList<>();
        if (model.getParentId() != null && !model.getParentId().equals(realm.getId())) {
            errors.add(
                    new PolicyError("parentId", "the SSPR policy is a realm-level component: its parent is the realm"));
        }
        // SsprPolicies reads the realm's one policy; with two, which one applies would depend on storage order.
        List<String> others = realm.getComponentsStream(realm.getId(), SsprPolicies.PROVIDER_TYPE)
                .filter(c -> SsprPolicies.PROVIDER_ID.equals(c.getProviderId()))
                .filter(c -> model.getId() == null || !model.getId().equals(c.getId()))
                .map(ComponentModel::getId)
                .toList();
        if (!others.isEmpty()) {
            errors.add(new PolicyError(
                    "providerId",
                    "this realm already has an SSPR policy (component " + others.get(0) + "); edit that one instead"));
        }
        errors.addAll(SsprPolicyValidator.validate(model.getConfig()));
        if (errors.stream().noneMatch(e -> e.field().equals(SsprPolicyConfig.ENABLED_GROUP))) {
            checkGroupExists(session, realm, model, errors);
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    /** With enablement "group", the group must exist now; a policy naming no real group would silently be off. */
    private static void checkGroupExists(
            KeycloakSession session, RealmModel realm, ComponentModel model, List<PolicyError> errors) {
        SsprPolicyConfig.Parsed parsed = SsprPolicyConfig.parse(model.getConfig());
        if (parsed.builder.enablement != Enablement.GROUP || parsed.builder.enabledGroup == null) {
            return;
        }
        String group = parsed.builder.enabledGroup;
        if (findGroup(session, realm, group) == null) {
            errors.add(new PolicyError(
                    SsprPolicyConfig.ENABLED_GROUP,
                    "no group '" + group + "' in realm " + realm.getName()
                            + " (give its id or its path, e.g. /staff)"));
        }
    }

    /** The group named by id or by path (a path starts with {@code /}); {@code null} when there is none. */
    public static GroupModel findGroup(KeycloakSession session, RealmModel realm, String idOrPath) {
        if (idOrPath == null) {
            return null;
        }
        if (idOrPath.startsWith(KeycloakModelUtils.GROUP_PATH_SEPARATOR)) {
            return KeycloakModelUtils.findGroupByPath(session, realm, idOrPath);
        }
        return session.groups().getGroupById(realm, idOrPath);
    }

    /**
     * One exception listing every problem as {@code field: message}. Keycloak's components endpoint passes the message
     * through {@link java.text.MessageFormat} before answering 400, so quotes and braces are escaped for it.
     */
    static ComponentValidationException invalid(List<PolicyError> errors) {
        String text = "Invalid SSPR policy: "
                + errors.stream().map(PolicyError::toString).collect(Collectors.joining("; "));
        return new ComponentValidationException(escapeForMessageFormat(text));
    }

    static String escapeForMessageFormat(String text) {
        return text.replace("'", "''").replace("{", "'{'").replace("}", "'}'");
    }

    @Override
    public void init(Config.Scope config) {}

    /** A realm imported with its policy (imports skip {@link #onCreate}) gets its sign-in page's unlock link. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmModel realm = created.getCreatedRealm();
                UnlockLink.sync(realm, SsprPolicies.forRealm(realm));
            }
        });
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        UnlockLink.sync(realm, SsprPolicyConfig.read(model.getConfig()));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        UnlockLink.sync(realm, SsprPolicyConfig.read(newModel.getConfig()));
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        UnlockLink.sync(realm, SsprPolicy.defaults());
    }

    @Override
    public void close() {}
}
