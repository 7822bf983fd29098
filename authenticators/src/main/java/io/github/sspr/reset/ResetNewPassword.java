package io.github.sspr.reset;

import io.github.sspr.branding.LoginMessages;
import io.github.sspr.password.PasswordRules;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The new password: the realm's rules up front with a live checklist, every broken rule explained, and the write through
 * Keycloak's credential manager — so the realm's policy and a federated directory's (writeback by {@code sspr-ldap}) both
 * apply, and a directory that refuses or is down leaves the password unchanged everywhere.
 *
 * <p>Runs only after the gates: a flow that reaches it without them (a crafted post, a replayed form, the decoy path)
 * is restarted. Skipped in unlock mode; in lost-authenticator mode it is the page that removes the lost one
 * ({@link LostFactorPage}).
 */
public final class ResetNewPassword extends AfterGatesStep {

    static final String TEMPLATE = "sspr-reset-password.ftl";
    static final String FIELD_NEW = "password-new";
    static final String FIELD_CONFIRM = "password-confirm";
    private static final int MAX_PASSWORD = 1024;

    ResetNewPassword(KeycloakSession session) {
        super(session);
    }

    @Override
    void authenticate(AuthenticationFlowContext context, ResetState state) {
        if (state.unlockMode()) {
            context.success();
            return;
        }
        if (state.factorMode()) {
            // A lost authenticator: the password stays; this step asks which authenticator is lost instead.
            LostFactorPage.show(context, state);
            return;
        }
        context.challenge(page(context, state, List.of()));
    }

    @Override
    void action(AuthenticationFlowContext context, ResetState state) {
        if (state.unlockMode()) {
            context.success();
            return;
        }
        if (state.factorMode()) {
            LostFactorPage.action(context, state);
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if ("cancel".equals(form.getFirst(ResetGates.ACTION))) {
            ResetSupport.outcome(context, state, "cancelled", "new-password", null, null);
            ResetSupport.endWithSuccess(context, state, "sspr.reset.cancelled");
            return;
        }
        String password = form.getFirst(FIELD_NEW);
        String confirm = form.getFirst(FIELD_CONFIRM);
        if (password == null || password.isEmpty()) {
            reject(context, state, List.of(new FormMessage(FIELD_NEW, "sspr.reset.error.passwordMissing")), "missing");
            return;
        }
        if (password.length() > MAX_PASSWORD || !password.equals(confirm)) {
            reject(
                    context,
                    state,
                    List.of(new FormMessage(FIELD_CONFIRM, "sspr.reset.error.passwordMismatch")),
                    "mismatch");
            return;
        }
        UserModel user = context.getUser();
        PasswordRules.Verdict verdict = PasswordRules.check(session, context.getRealm(), user, password);
        if (!verdict.passes()) {
            ResetSupport.step(context, state, "password-rejected", "password_rejected", verdict.reason());
            context.failureChallenge(
                    AuthenticationFlowError.INVALID_CREDENTIALS,
                    page(context, state, verdict.errors(), verdict.rules()));
            return;
        }
        try {
            // The commit point, and the policy's one full run (docs/password-rules.md): Keycloak checks the
            // stored-password rules (history, age) before it writes anything; with a federated user, sspr-ldap writes
            // to the directory first and throws when the directory refuses or cannot be reached. Either way a refusal
            // leaves every copy of the password as it was.
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException e) {
            PasswordRules.Verdict refused = PasswordRules.refused(e);
            ResetSupport.step(context, state, "password-rejected", "password_rejected", "refused: " + refused.reason());
            context.failureChallenge(
                    AuthenticationFlowError.INVALID_CREDENTIALS,
                    page(context, state, refused.errors(), refused.rules()));
            return;
        }
        user.removeRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        state.set(ResetState.PASSWORD_SET, "1");
        state.set(ResetState.STEP, "password-set");
        ResetSupport.step(context, state, "password-set", null, null);
        // Keycloak's own record of a password change (admins filter on it); the step detail keeps it out of the
        // activity report, which gets one row per flow from the terminal outcome.
        context.getEvent()
                .clone()
                .event(EventType.UPDATE_CREDENTIAL)
                .user(user)
                .detail(Details.CREDENTIAL_TYPE, PasswordCredentialModel.TYPE)
                .detail(ResetSupport.DETAIL_STEP, "password-set")
                .detail(ResetSupport.DETAIL_METHODS, state.methodsDetail())
                .success();
        context.success();
    }

    /**
     * Whether this flow has passed its gates as the identified, real user. If not, the flow starts over (an event
     * names why) — reaching this step any other way is a crafted request.
     */
    private void reject(AuthenticationFlowContext context, ResetState state, List<FormMessage> errors, String reason) {
        ResetSupport.step(context, state, "password-rejected", "password_rejected", reason);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page(context, state, errors));
    }

    private Response page(AuthenticationFlowContext context, ResetState state, List<FormMessage> errors) {
        return page(context, state, errors, Set.of());
    }

    private Response page(
            AuthenticationFlowContext context, ResetState state, List<FormMessage> errors, Set<String> brokenRules) {
        LoginFormsProvider form = ResetSupport.form(context, state);
        UserModel user = context.getUser();
        form.setAttribute(
                "ssprRules",
                PasswordRules.describe(
                        context.getRealm(),
                        LoginMessages.of(
                                session,
                                context.getRealm(),
                                session.getContext().resolveLocale(user)),
                        brokenRules));
        form.setAttribute("ssprUsername", user == null ? "" : user.getUsername());
        form.setAttribute("ssprEmail", user == null || user.getEmail() == null ? "" : user.getEmail());
        form.setAttribute(
                "ssprSignOutOthers", ResetSupport.policyFor(context, user).signOutOtherSessions());
        for (FormMessage error : errors) {
            form.addError(error);
        }
        String codesLeft = state.get(ResetState.CODES_LEFT);
        if (errors.isEmpty() && codesLeft != null) {
            // A recovery code passed a gate: the user is told how many are left (new ones through Keycloak's own
            // action).
            form.setInfo("sspr.reset.recoveryCodesLeft", Integer.parseInt(codesLeft));
        }
        return form.createForm(TEMPLATE);
    }
}
