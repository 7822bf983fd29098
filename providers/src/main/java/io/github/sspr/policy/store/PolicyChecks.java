package io.github.sspr.policy.store;

import io.github.sspr.config.SettingError;
import io.github.sspr.policy.Enablement;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.SsprPolicyBuilder;
import io.github.sspr.policy.SsprPolicyConfig;
import io.github.sspr.policy.SsprPolicyValidator;
import io.github.sspr.policy.StoredPolicy;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorResponseException;

/**
 * What a policy must satisfy in its realm before it is stored, whoever stores it (the SSPR dashboard's editor, the
 * admin console's page, the components REST API, a realm import): every rule of {@link SsprPolicyValidator}, one policy
 * per realm, a realm-level parent, and, for group enablement, a group that exists.
 */
public final class PolicyChecks {

    private PolicyChecks() {}

    /** The problems of storing {@code model} as the realm's policy; empty when it can be stored. */
    public static List<SettingError> problems(KeycloakSession session, RealmModel realm, ComponentModel model) {
        List<SettingError> errors = new ArrayList<>();
        if (model.getParentId() != null && !model.getParentId().equals(realm.getId())) {
            errors.add(new SettingError(
                    "parentId", "the SSPR policy is a realm-level component: its parent is the realm"));
        }
        // SsprPolicies reads the realm's one policy; with two, which one applies would depend on storage order.
        List<String> others = realm.getComponentsStream(realm.getId(), SsprPolicies.PROVIDER_TYPE)
                .filter(c -> SsprPolicies.PROVIDER_ID.equals(c.getProviderId()))
                .filter(c -> model.getId() == null || !model.getId().equals(c.getId()))
                .map(ComponentModel::getId)
                .toList();
        if (!others.isEmpty()) {
            errors.add(new SettingError(
                    "providerId",
                    "this realm already has an SSPR policy (component " + others.get(0) + "); edit that one instead"));
        }
        errors.addAll(problems(session, realm, model.getConfig()));
        return errors;
    }

    /** The problems of a policy configuration in {@code realm}: the validator's, and the group's existence. */
    public static List<SettingError> problems(
            KeycloakSession session, RealmModel realm, Map<String, ? extends List<String>> config) {
        List<SettingError> errors = new ArrayList<>(SsprPolicyValidator.validate(config));
        if (errors.stream().noneMatch(e -> e.field().equals(SsprPolicyConfig.ENABLED_GROUP))) {
            SsprPolicyBuilder parsed = StoredPolicy.parse(config).builder();
            SsprPolicy draft = parsed.unchecked();
            String group = draft.enabledGroup();
            // With enablement "group", the group must exist now; a policy naming no real group would silently be off.
            if (draft.enablement() == Enablement.GROUP && group != null && findGroup(session, realm, group) == null) {
                errors.add(new SettingError(
                        SsprPolicyConfig.ENABLED_GROUP,
                        "no group '" + group + "' in realm " + realm.getName()
                                + " (give its id or its path, e.g. /staff)"));
            }
        }
        return errors;
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
     * The body of a refused policy: one line for a person, and each problem by its field for an editor. The shape of
     * Keycloak's own {@code ErrorRepresentation} ({@code errorMessage}, {@code errors}) and no {@code error} field: the
     * admin console shows {@code error} before {@code errorMessage} in its alert.
     */
    public record Refusal(String errorMessage, List<SettingError> errors) {}

    public static Refusal refusal(List<SettingError> errors) {
        return new Refusal(
                "Invalid SSPR policy: "
                        + errors.stream().map(SettingError::toString).collect(Collectors.joining("; ")),
                List.copyOf(errors));
    }

    /**
     * The refusal as an exception Keycloak answers with 400 and this body wherever it is thrown — also inside a realm
     * import, where a {@code ComponentValidationException} is not caught and becomes a 500 with an ERROR in the log.
     * Keycloak's components endpoint lets it through unchanged too (the console shows {@code errorMessage}). Getting
     * its response marks the transaction for rollback, so nothing of a refused import is kept.
     */
    public static ErrorResponseException invalid(List<SettingError> errors) {
        return new Refused(refusal(errors));
    }

    /** Carries its text as the message too: should an exception mapper build its own body, the fields are still named. */
    static final class Refused extends ErrorResponseException {
        private final String text;

        Refused(Refusal refusal) {
            super(Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(refusal)
                    .build());
            this.text = refusal.errorMessage();
        }

        @Override
        public String getMessage() {
            return text;
        }
    }
}
