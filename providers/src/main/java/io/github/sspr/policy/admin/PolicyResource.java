package io.github.sspr.policy.admin;

import io.github.sspr.access.ImpactSimulation;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.branding.Branding;
import io.github.sspr.config.SettingError;
import io.github.sspr.credentials.questions.QuestionBank;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.SsprPolicyConfig;
import io.github.sspr.policy.StoredPolicy;
import io.github.sspr.policy.store.PolicyChecks;
import io.github.sspr.policy.store.SsprPolicies;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 *       CREATE on the policy component, with the stored configuration, and with {@code ?impact=true} the counts of
 *       the impact simulation under {@code ssprImpact}).
 *   <li>{@code POST simulate} ({@code view-realm}, {@code view-users}): the impact of a draft (docs/insight.md).
 * </ul>
 */
public class PolicyResource extends AdminResource {

    public PolicyResource(Context context) {
        super(context);
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

    /**
     * {@code POST simulate} (view-realm and view-users): what saving these settings would do — how many users (and
     * which, up to {@code sample}) would become unable to reset, be asked to register, or lose a method. The draft is
     * checked exactly as {@code PUT} checks it (a refused draft is the same 400); nothing is stored.
     */
    @POST
    @Path("simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response simulate(Map<String, Object> changes, @QueryParam("sample") Integer sample) {
        auth.realm().requireViewRealm();
        auth.users().requireView();
        List<SettingError> errors = new ArrayList<>();
        Map<String, List<String>> config = draft(changes, errors);
        if (!errors.isEmpty()) {
            return refusal(errors);
        }
        SsprPolicy draft = StoredPolicy.parse(config).builder().build();
        int examples = sample == null
                ? ImpactSimulation.DEFAULT_SAMPLE
                : Math.max(0, Math.min(ImpactSimulation.MAX_SAMPLE, sample));
        ImpactSimulation.Result result =
                ImpactSimulation.run(session.getKeycloakSessionFactory(), realm.getId(), draft, examples);
        return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * {@code PUT}: stores the settings. With {@code impact=true} (the editor sends it when the admin saves after a
     * simulation showed consequences), the same simulation runs first and its counts go into the admin event.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(Map<String, Object> changes, @QueryParam("impact") String impact) {
        auth.realm().requireManageRealm();
        List<SettingError> errors = new ArrayList<>();
        Map<String, List<String>> config = draft(changes, errors);
        if (!errors.isEmpty()) {
            return refusal(errors);
        }

        // Stored in full, every setting written out: the admin console's page (which cannot show a default for a list)
        // then shows the selection in use, and the export says what applies.
        SsprPolicy policy = StoredPolicy.parse(config).builder().build();
        Map<String, Object> impactSummary = "true".equalsIgnoreCase(impact)
                ? ImpactSimulation.run(session.getKeycloakSessionFactory(), realm.getId(), policy, 0)
                        .summary()
                : null;
        MultivaluedHashMap<String, String> stored = new MultivaluedHashMap<>();
        SsprPolicyConfig.SETTINGS.store(policy).forEach(stored::put);
        ComponentModel existing = SsprPolicies.component(realm).orElse(null);
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
        Map<String, Object> representation = new LinkedHashMap<>(stored);
        if (impactSummary != null) {
            representation.put("ssprImpact", impactSummary);
        }
        adminEvent
                .clone(session)
                .resource(ResourceType.COMPONENT)
                .operation(existing == null ? OperationType.CREATE : OperationType.UPDATE)
                .resourcePath("components", model.getId())
                .representation(representation)
                .success();
        return Response.ok(view(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The stored configuration with {@code changes} applied (settings left out keep their value; a {@code null}
     * removes one), and every problem of it — the one check for saving and simulating.
     */
    private Map<String, List<String>> draft(Map<String, Object> changes, List<SettingError> errors) {
        Map<String, List<String>> given =
                SsprPolicyConfig.SETTINGS.fromJson(changes == null ? Map.of() : changes, errors);
        Map<String, List<String>> config = new LinkedHashMap<>();
        SsprPolicies.component(realm).ifPresent(existing -> existing.getConfig().forEach(config::put));
        given.forEach((key, values) -> {
            if (values == null) {
                config.remove(key);
            } else {
                config.put(key, values);
            }
        });
        errors.addAll(PolicyChecks.problems(session, realm, config));
        return config;
    }

    private static Response refusal(List<SettingError> errors) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(PolicyChecks.refusal(errors))
                .build();
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
