package io.github.sspr.policy;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.branding.Branding;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/sspr/policy}: the policy that applies in the realm, as the reset and registration
 * flows see it (stored values read through the typed reader, or the defaults when the realm has no policy). Read-only:
 * the policy is edited as a component, where it is validated.
 */
public class PolicyResource {

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public PolicyResource(RealmModel realm, AdminPermissionEvaluator auth) {
        this.realm = realm;
        this.auth = auth;
    }

    /** What privileged users (admins, user managers) get instead of the realm-wide gates and methods. */
    public record PrivilegedView(int gatesRequired, List<String> methods) {}

    /**
     * The effective policy. {@code source} is {@code component} (with {@code componentId}) or {@code defaults}.
     * Field names are the configuration keys of {@link SsprPolicyConfig}.
     */
    public record PolicyView(
            String source,
            String componentId,
            String enabled,
            String enabledGroup,
            List<String> methods,
            int gatesRequired,
            int questionsToRegister,
            int questionsToAnswer,
            List<String> offeredQuestions,
            List<String> customQuestions,
            boolean requireRegistration,
            int reconfirmDays,
            String helpdeskLink,
            Branding branding,
            List<String> phoneCountries,
            int codeLifetimeMinutes,
            int adminResetLinkMinutes,
            boolean unlockOnReset,
            boolean signOutOtherSessions,
            boolean confirmPhoneNumber,
            boolean selfServiceUnlock,
            boolean notifyUser,
            boolean notifyAdmins,
            PrivilegedView privileged) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PolicyView get() {
        auth.realm().requireViewRealm();

        String componentId =
                SsprPolicies.component(realm).map(ComponentModel::getId).orElse(null);
        SsprPolicy policy = SsprPolicies.forRealm(realm);
        SsprPolicy privileged = ResetAccess.effective(policy, true);
        return new PolicyView(
                componentId == null ? "defaults" : "component",
                componentId,
                policy.enablement().id(),
                policy.enabledGroup(),
                ids(policy.methods()),
                policy.gatesRequired(),
                policy.questionsToRegister(),
                policy.questionsToAnswer(),
                policy.offeredQuestionIds(),
                policy.customQuestions(),
                policy.requireRegistration(),
                policy.reconfirmDays(),
                policy.helpdeskLink(),
                Branding.of(policy),
                policy.phoneCountries().stream().sorted().toList(),
                policy.codeLifetimeMinutes(),
                policy.adminResetLinkMinutes(),
                policy.unlockOnReset(),
                policy.signOutOtherSessions(),
                policy.confirmPhoneNumber(),
                policy.selfServiceUnlock(),
                policy.notifyUser(),
                policy.notifyAdmins(),
                new PrivilegedView(privileged.gatesRequired(), ids(privileged.methods())));
    }

    /** Method ids in the enum's order (email, sms, voice, questions), whatever the set's order. */
    private static List<String> ids(Set<Method> methods) {
        return java.util.Arrays.stream(Method.values())
                .filter(methods::contains)
                .map(Method::id)
                .toList();
    }
}
