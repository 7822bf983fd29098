package io.github.sspr.policy.admin;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.branding.Branding;
import io.github.sspr.config.SettingError;
import io.github.sspr.credentials.questions.QuestionBank;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.SsprPolicyConfig;
import io.github.sspr.policy.store.PolicyChecks;
import io.github.sspr.policy.store.SsprPolicies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.theme.Theme;

/**
 * {@code /admin/realms/{realm}/sspr/policy}: the realm's policy, for the SSPR dashboard's editor and for scripts. Works
 * on a stock Keycloak (no experimental feature). Every field is a setting declared in {@link SsprPolicyConfig}.
 *
 * <ul>
 *   <li>{@code GET} ({@code view-realm}): the policy as the flows see it, each setting by its key, plus {@code source}
 *       ({@code component} or {@code defaults}), {@code componentId}, {@code branding} and what privileged users get.
 *   <li>{@code GET schema} ({@code view-realm}): the declarations, which the editor builds its form from.
 *   <li>{@code PUT} ({@code manage-realm}): settings by key (those left out keep their value); a refused policy is a
 *       400 listing each problem by its field, nothing stored; a stored one is an admin event (operation UPDATE or
 *       CREATE on the policy component, with the stored configuration).
 * </ul>
 */
public class PolicyResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public PolicyResource(
            KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** What privileged users (admins, user managers) get instead of the realm-wide gates and methods. */
    public record PrivilegedView(int gatesRequired, List<String> methods) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        auth.realm().requireViewRealm();
        return view();
    }

    /**
     * The declarations. With {@code lang} (e.g. {@code de}, {@code pt_BR}), the predefined questions carry their texts in
     * that language ({@code optionLabels}), from the login theme's messages, as users will read them.
     */
    @GET
    @Path("schema")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> schema(@QueryParam("lang") String lang) {
        auth.realm().requireViewRealm();
        List<Map<String, Object>> schema = SsprPolicyConfig.SETTINGS.schema();
        Properties messages = loginMessages(lang);
        for (Map<String, Object> field : schema) {
            if (SsprPolicyConfig.OFFERED_QUESTIONS.equals(field.get("key"))) {
                Map<String, String> labels = new LinkedHashMap<>();
                for (String id : QuestionBank.PREDEFINED_IDS) {
                    labels.put(id, messages.getProperty(QuestionBank.MESSAGE_PREFIX + id, id));
                }
                field.put("optionLabels", labels);
            }
        }
        return schema;
    }

    private Properties loginMessages(String lang) {
        Locale locale = lang == null || !lang.matches("[A-Za-z]{2,3}([_-][A-Za-z]{2})?")
                ? Locale.ENGLISH
                : Locale.forLanguageTag(lang.replace('_', '-'));
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            return theme.getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            // The ids stand in for the texts; the editor still works.
            return new Properties();
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(Map<String, Object> changes) {
        auth.realm().requireManageRealm();
        List<SettingError> errors = new ArrayList<>();
        Map<String, List<String>> given =
                SsprPolicyConfig.SETTINGS.fromJson(changes == null ? Map.of() : changes, errors);

        ComponentModel existing = SsprPolicies.component(realm).orElse(null);
        Map<String, List<String>> config = new LinkedHashMap<>();
        if (existing != null) {
            existing.getConfig().forEach(config::put);
        }
        given.forEach((key, values) -> {
            if (values == null) {
                config.remove(key);
            } else {
                config.put(key, values);
            }
        });
        errors.addAll(PolicyChecks.problems(session, realm, config));
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(PolicyChecks.refusal(errors))
                    .build();
        }

        // Stored in full, every setting written out: the admin console's page (which cannot show a default for a list)
        // then shows the selection in use, and the export says what applies.
        SsprPolicy policy = SsprPolicyConfig.parse(config).builder().build();
        MultivaluedHashMap<String, String> stored = new MultivaluedHashMap<>();
        SsprPolicyConfig.SETTINGS.store(policy).forEach(stored::put);
        ComponentModel model = existing;
        if (model == null) {
            model = new ComponentModel();
            model.setName(SsprPolicies.PROVIDER_ID);
            model.setProviderId(SsprPolicies.PROVIDER_ID);
            model.setProviderType(SsprPolicies.PROVIDER_TYPE);
            model.setParentId(realm.getId());
        }
        model.setConfig(stored);
        SsprPolicies.store(session, realm, model, existing == null);
        adminEvent
                .clone(session)
                .resource(ResourceType.COMPONENT)
                .operation(existing == null ? OperationType.CREATE : OperationType.UPDATE)
                .resourcePath("components", model.getId())
                .representation(stored)
                .success();
        return Response.ok(view(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Map<String, Object> view() {
        String componentId =
                SsprPolicies.component(realm).map(ComponentModel::getId).orElse(null);
        SsprPolicy policy = SsprPolicies.forRealm(realm);
        SsprPolicy privileged = ResetAccess.effective(policy, true);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", componentId == null ? "defaults" : "component");
        view.put("componentId", componentId);
        view.putAll(SsprPolicyConfig.SETTINGS.values(policy));
        view.put("branding", Branding.of(policy));
        view.put("privileged", new PrivilegedView(privileged.gatesRequired(), privileged.methodIds()));
        return view;
    }
}
