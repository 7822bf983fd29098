package io.github.sspr.reset;

import io.github.sspr.reset.machine.LostFactor;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The lost-authenticator page, after the gates of that mode (docs/reset.md, "Lost authenticator"): the user's
 * authenticators by kind and label (never a secret), one to pick; the pick removes exactly that credential through
 * Keycloak's credential manager and adds Keycloak's own required action that registers a new one at the next sign-in.
 * The password is not touched. Every rule is {@link LostFactor}'s; this is its Keycloak adapter.
 */
final class LostFactorPage {

    static final String TEMPLATE = "sspr-reset-lost-factor.ftl";
    static final String FIELD_CREDENTIAL = "credential";
    /** Event detail: the kind of the removed credential's type ({@code otp}, {@code webauthn} …). */
    static final String DETAIL_FACTOR = "sspr_factor";

    private LostFactorPage() {}

    static void show(AuthenticationFlowContext context, ResetState state) {
        context.challenge(page(context, state, null));
    }

    static void action(AuthenticationFlowContext context, ResetState state) {
        String action = context.getHttpRequest().getDecodedFormParameters().getFirst(ResetGates.ACTION);
        if ("cancel".equals(action)) {
            ResetSupport.outcome(context, state, "cancelled", "pick-factor", null, null);
            ResetSupport.endWithSuccess(context, state, "sspr.reset.cancelled");
            return;
        }
        UserModel user = context.getUser();
        LostFactor.Decision decision = LostFactor.decide(
                credentials(user),
                context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD_CREDENTIAL));
        if (!decision.removes()) {
            ResetSupport.step(context, state, "factor-rejected", "sspr_factor_not_picked", decision.error());
            context.failureChallenge(
                    AuthenticationFlowError.INVALID_CREDENTIALS,
                    page(context, state, new FormMessage(FIELD_CREDENTIAL, decision.error())));
            return;
        }
        LostFactor.Choice removed = decision.removed();
        // Exactly the picked credential, by id, through Keycloak's credential manager (a federated user's stored
        // credential too); then Keycloak's own action, so that Keycloak alone registers the new one.
        if (!user.credentialManager().removeStoredCredentialById(removed.id())) {
            ResetSupport.step(context, state, "factor-rejected", "sspr_factor_not_removed", "already removed");
            context.failureChallenge(
                    AuthenticationFlowError.INVALID_CREDENTIALS,
                    page(context, state, new FormMessage(FIELD_CREDENTIAL, "sspr.reset.lostFactor.error.gone")));
            return;
        }
        user.addRequiredAction(decision.requiredAction());
        state.set(ResetState.FACTOR_REMOVED, removed.kind().type());
        state.set(ResetState.STEP, "factor-removed");
        ResetSupport.step(context, state, "factor-removed", null, removed.kind().type());
        // Keycloak's own record of a removed credential (admins filter on it); the step detail keeps it out of the
        // activity report, which gets one row per flow from the terminal outcome.
        context.getEvent()
                .clone()
                .event(EventType.REMOVE_CREDENTIAL)
                .user(user)
                .detail(Details.CREDENTIAL_TYPE, removed.kind().type())
                .detail(Details.CREDENTIAL_ID, removed.id())
                .detail(DETAIL_FACTOR, removed.kind().type())
                .detail(ResetSupport.DETAIL_STEP, "factor-removed")
                .detail(ResetSupport.DETAIL_METHODS, state.methodsDetail())
                .success();
        context.success();
    }

    private static List<LostFactor.Credential> credentials(UserModel user) {
        return user.credentialManager()
                .getStoredCredentialsStream()
                .map(c -> new LostFactor.Credential(
                        c.getId(), c.getType(), c.getUserLabel(), c.getCreatedDate() == null ? 0L : c.getCreatedDate()))
                .toList();
    }

    private static Response page(AuthenticationFlowContext context, ResetState state, FormMessage error) {
        LoginFormsProvider form = ResetSupport.form(context, state);
        List<Map<String, String>> choices = LostFactor.choices(credentials(context.getUser())).stream()
                .map(choice -> {
                    Map<String, String> view = new LinkedHashMap<>();
                    view.put("id", choice.id());
                    view.put("kind", choice.kind().key());
                    view.put("label", choice.label());
                    return view;
                })
                .toList();
        form.setAttribute("ssprFactors", choices);
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
