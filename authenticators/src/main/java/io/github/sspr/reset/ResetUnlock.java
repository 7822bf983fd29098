package io.github.sspr.reset;

import io.github.sspr.ldap.DirectoryUnlock;
import io.github.sspr.password.SignInLockout;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.throttle.store.Throttle;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The last step: unlock, clean up, tell, and send the person back to sign in.
 *
 * <p>After a reset (or, in unlock mode, after the gates alone): clears Keycloak's brute-force lockout (temporary and
 * permanent) when the policy unlocks on reset, asks {@code sspr-ldap} to unlock the directory account, lifts the
 * user's reset-gate blocks and counters, signs out the user's other sessions (policy, default on), records the flow's
 * one terminal outcome, and ends on the sign-in page with a message. It never signs the person in: that would skip the
 * second factor of a normal sign-in.
 */
public final class ResetUnlock extends AfterGatesStep {

    static final String DETAIL_WAS_LOCKED = "sspr_was_locked";
    static final String DETAIL_DIRECTORY = "sspr_directory_unlock";

    ResetUnlock(KeycloakSession session) {
        super(session);
    }

    @Override
    void authenticate(AuthenticationFlowContext context, ResetState state) {
        boolean factor = state.factorMode();
        if (!state.unlockMode() && state.get(factor ? ResetState.FACTOR_REMOVED : ResetState.PASSWORD_SET) == null) {
            ResetSupport.step(
                    context, state, "restarted", "sspr_password_not_set", "unlock reached before new password");
            context.resetFlow();
            return;
        }
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        SsprPolicy policy = ResetSupport.policyFor(context, user);

        boolean wasLocked = false;
        String directory = "skipped";
        // A lost authenticator changes no password: it is no proof against a guessed one, so it unlocks nothing.
        if (!factor && (policy.unlockOnReset() || state.unlockMode())) {
            wasLocked = SignInLockout.clear(session, realm, user);
            DirectoryUnlock.Report report = DirectoryUnlock.unlock(session, realm, user);
            directory = report.outcome().name().toLowerCase(java.util.Locale.ROOT);
            // Locked here or in the directory (AD lockoutTime, ppolicy): either way the reset unlocked the account.
            wasLocked |= report.wasLocked();
        }
        Throttle.forSession(session, realm).clearFor(user.getId());
        // After a lost authenticator always: whoever holds it may be signed in with it (docs/reset.md).
        if (factor || (!state.unlockMode() && policy.signOutOtherSessions())) {
            signOutEverywhere(context, realm, user);
        }
        state.set(ResetState.STEP, "completed");
        context.getEvent()
                .clone()
                .event(EventType.RESET_PASSWORD)
                .user(user)
                .detail(ResetSupport.DETAIL_STEP, "unlocked")
                .detail(ResetSupport.DETAIL_MODE, state.mode())
                .detail(DETAIL_WAS_LOCKED, Boolean.toString(wasLocked))
                .detail(DETAIL_DIRECTORY, directory)
                .success();
        ResetSupport.outcome(context, state, "succeeded", "completed", null, null);
        ResetNotification.afterSuccess(
                session, realm, user, state, context.getConnection().getRemoteAddr());
        ResetSupport.endWithSuccess(
                context,
                state,
                factor ? "sspr.reset.factorDone" : state.unlockMode() ? "sspr.reset.unlocked" : "sspr.reset.done");
    }

    /** Every session of the user (the reset flow itself has none), the way Keycloak's "sign out other devices" does. */
    private void signOutEverywhere(AuthenticationFlowContext context, RealmModel realm, UserModel user) {
        List<UserSessionModel> sessions =
                session.sessions().getUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : sessions) {
            AuthenticationManager.backchannelLogout(
                    session,
                    realm,
                    userSession,
                    session.getContext().getUri(),
                    context.getConnection(),
                    context.getHttpRequest().getHttpHeaders(),
                    true);
            context.getEvent()
                    .clone()
                    .event(EventType.LOGOUT)
                    .session(userSession)
                    .user(user)
                    .detail(ResetSupport.DETAIL_STEP, "signed-out")
                    .success();
        }
    }

    @Override
    void action(AuthenticationFlowContext context, ResetState state) {
        authenticate(context, state);
    }
}
