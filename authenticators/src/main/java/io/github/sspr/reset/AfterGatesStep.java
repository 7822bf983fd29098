package io.github.sspr.reset;

import io.github.sspr.policy.SsprPolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * A reset step after the gates (new password, unlock): it runs only when this flow's real user has passed as many
 * gates as the policy asks — now, not when the flow began — and otherwise restarts the flow (docs/reset.md).
 */
abstract class AfterGatesStep extends ResetStep {

    AfterGatesStep(KeycloakSession session) {
        super(session);
    }

    @Override
    public final void authenticate(AuthenticationFlowContext context) {
        ResetState state = new ResetState(context.getAuthenticationSession());
        if (gatesPassed(context, state)) {
            authenticate(context, state);
        }
    }

    @Override
    public final void action(AuthenticationFlowContext context) {
        ResetState state = new ResetState(context.getAuthenticationSession());
        if (gatesPassed(context, state)) {
            action(context, state);
        }
    }

    abstract void authenticate(AuthenticationFlowContext context, ResetState state);

    abstract void action(AuthenticationFlowContext context, ResetState state);

    private static boolean gatesPassed(AuthenticationFlowContext context, ResetState state) {
        UserModel user = context.getUser();
        // The policy may have been tightened since the flow began: the stricter of the two counts. A lost-authenticator
        // recovery counts only the gates its mode allows (docs/reset.md, "Lost authenticator").
        SsprPolicy gates = user == null ? null : ResetSupport.gatesPolicyFor(context, state, user);
        boolean ok = state.identified()
                && !state.isDecoy()
                && user != null
                && user.getId().equals(state.get(ResetState.USER_ID))
                && state.gatesDone()
                && state.passed().stream().filter(gates::allows).count() >= gates.gatesRequired();
        if (!ok) {
            ResetSupport.step(
                    context, state, "restarted", "sspr_gates_not_passed", "reached a later step without the gates");
            context.resetFlow();
        }
        return ok;
    }
}
