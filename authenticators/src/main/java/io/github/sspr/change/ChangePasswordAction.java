package io.github.sspr.change;

import io.github.sspr.change.machine.ChangeMachine;
import io.github.sspr.change.machine.ChangeMachine.Form;
import io.github.sspr.change.machine.ChangeMachine.Mode;
import io.github.sspr.change.machine.ChangeMachine.Step;
import io.github.sspr.ldap.DirectoryUnlock;
import io.github.sspr.ldap.OwnPasswordChange;
import io.github.sspr.password.PasswordRules;
import io.github.sspr.password.SignInLockout;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.spi.SsprRequiredAction;
import io.github.sspr.throttle.store.Throttle;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * SSPR's password change page, the same page logic as the reset's new-password step ({@link PasswordRules}: the rules
 * up front, the live checklist script, every broken rule explained) with the write through Keycloak's credential
 * manager — so {@code sspr-ldap} writes the directory first and a refusal leaves the password unchanged everywhere.
 *
 * <p>Modes, decided per authentication session (the rules in {@link ChangeMachine}):
 *
 * <ul>
 *   <li><b>change</b> ({@code kc_action=sspr-change-password}, or set on the user by an admin): asks the current
 *       password unless the person typed it in this very sign-in (Keycloak's {@code PASSWORD_VALIDATED} note) — a
 *       signed-in browser left unattended must not be enough to change the password;
 *   <li><b>forced</b> (Keycloak put UPDATE_PASSWORD on the user: expired or temporary password): the same, and on success
 *       UPDATE_PASSWORD is removed too, so Keycloak's own page does not follow;
 *   <li><b>admin link</b> (an administrator's reset link, {@link AdminResetTokenHandler}): no current password (the
 *       person forgot it; the link is the proof), the link is claimed once at the write, and the account is unlocked
 *       when the admin asked for it.
 * </ul>
 *
 * <p>Events: UPDATE_CREDENTIAL (and the legacy UPDATE_PASSWORD) with credential type {@code password}, outside the
 * reset flow — the activity listener records a self-service change (or an admin reset when {@code sspr_type} says so)
 * and {@code sspr-notify} mails the user once. Failures are UPDATE_CREDENTIAL_ERROR with the broken rules as reason.
 */
public final class ChangePasswordAction extends SsprRequiredAction {

    /** Auth note: {@code admin-link} when the page was opened through an administrator's reset link. */
    public static final String NOTE_MODE = "sspr.change.mode";
    /** Auth note: {@code true} when the admin's link asks to unlock the account too. */
    public static final String NOTE_UNLOCK = "sspr.change.unlock";
    /** Auth note: the admin link's token id, claimed once at the write. */
    public static final String NOTE_TOKEN = "sspr.change.token";
    /** Auth note: the link's expiry (epoch seconds), for the claim's lifetime. */
    public static final String NOTE_TOKEN_EXP = "sspr.change.tokenExp";

    public static final String MODE_ADMIN_LINK = Mode.ADMIN_LINK.id();
    /** Message for an admin link opened or submitted after it was used. */
    public static final String LINK_USED = "sspr.change.error.linkUsed";

    private static final String UPDATE_PASSWORD = UserModel.RequiredAction.UPDATE_PASSWORD.name();

    ChangePasswordAction(KeycloakSession session) {
        super(session);
    }

    /**
     * Takes over Keycloak's password page when configured: an application-initiated UPDATE_PASSWORD (the account
     * console's "Update" button), a pending UPDATE_PASSWORD on the user, or a password older than the realm's expiry
     * (checked here too, because Keycloak's own trigger may run after this one).
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        String forced = context.getConfig() == null
                ? null
                : context.getConfig().getConfigValue(ChangePasswordActionFactory.FORCED);
        UserModel user = context.getUser();
        if (!ChangeMachine.forcedEnabled(forced) || user == null) {
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (UPDATE_PASSWORD.equals(authSession.getClientNote(Constants.KC_ACTION))) {
            // The account console's "Update" (and any app asking kc_action=UPDATE_PASSWORD) gets this page. Keycloak
            // reads the note only after the triggers ran, and has already applied the max-auth-age check.
            authSession.setClientNote(Constants.KC_ACTION, ChangePasswordActionFactory.ID);
        }
        boolean pending = ChangePorts.updatePasswordPending(user)
                || (AuthenticatorUtil.isPasswordValidated(authSession) && expired(context.getRealm(), user));
        if (pending) {
            user.addRequiredAction(ChangePasswordActionFactory.ID);
        }
    }

    private static boolean expired(RealmModel realm, UserModel user) {
        CredentialModel password = user.credentialManager()
                .getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst()
                .orElse(null);
        return password != null
                && ChangeMachine.expired(
                        realm.getPasswordPolicy().getDaysToExpirePassword(),
                        password.getCreatedDate(),
                        Time.currentTimeMillis());
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(new ChangePorts(session, context).page(List.of()));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        MultivaluedMap<String, String> posted = context.getHttpRequest().getDecodedFormParameters();
        Form form = new Form(
                "cancel".equals(posted.getFirst("sspr-action")),
                posted.getFirst(ChangeMachine.FIELD_CURRENT),
                posted.getFirst(ChangeMachine.FIELD_NEW),
                posted.getFirst(ChangeMachine.FIELD_CONFIRM));
        ChangePorts ports = new ChangePorts(session, context);
        ChangeMachine machine = ports.machine();
        Step step =
                machine.check(form, current -> user.credentialManager().isValid(UserCredentialModel.password(current)));
        switch (step) {
            case CANCEL -> {
                context.cancel();
                return;
            }
            case CURRENT_WRONG -> {
                ports.countFailure();
                ports.error(Errors.INVALID_USER_CREDENTIALS, step.refusal.reason());
                context.challenge(ports.page(List.of(new FormMessage(step.refusal.field(), step.refusal.message()))));
                return;
            }
            case CHECK_RULES -> {}
            default -> {
                ports.error(Errors.PASSWORD_REJECTED, step.refusal.reason());
                context.challenge(ports.page(List.of(new FormMessage(step.refusal.field(), step.refusal.message()))));
                return;
            }
        }
        String password = form.password();
        PasswordRules.Verdict verdict = PasswordRules.check(session, realm, user, password);
        if (!verdict.passes()) {
            ports.error(Errors.PASSWORD_REJECTED, verdict.reason());
            context.challenge(ports.page(verdict.errors(), verdict.rules()));
            return;
        }
        if (machine.claimsLink() && !ports.claimLink()) {
            // Another tab already set a password with this link: it works once.
            ports.error(Errors.EXPIRED_CODE, "admin reset link already used");
            // An error page, not failure(): the link's session has no client redirect to fail back to.
            context.challenge(context.form().setError(LINK_USED).createErrorPage(Response.Status.BAD_REQUEST));
            return;
        }
        try {
            // The commit point: sspr-ldap writes the directory first and throws when it refuses or is down; Keycloak's
            // copy then stays as it was.
            UserCredentialModel input = UserCredentialModel.password(password, false);
            String current = machine.currentForWrite(form);
            if (current != null) {
                // A directory gets the user's own change, with the whole of its policy (OwnPasswordChange).
                OwnPasswordChange.withCurrentPassword(
                        session, current, () -> user.credentialManager().updateCredential(input));
            } else {
                user.credentialManager().updateCredential(input);
            }
        } catch (ModelException e) {
            // The policy's one full run (docs/password-rules.md): Keycloak's own check of the stored-password rules
            // inside the write, or the directory's refusal.
            PasswordRules.Verdict refused = PasswordRules.refused(e);
            ports.error(Errors.PASSWORD_REJECTED, "refused: " + refused.reason());
            context.challenge(ports.page(refused.errors(), refused.rules()));
            return;
        }
        user.removeRequiredAction(UPDATE_PASSWORD);
        authSession.removeRequiredAction(UPDATE_PASSWORD);
        succeed(context, ports, machine);
    }

    /** After the write: unlock and clear the throttle for an admin link, sign out other sessions, the events. */
    private void succeed(RequiredActionContext context, ChangePorts ports, ChangeMachine machine) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        SsprPolicy policy = ports.policy();
        EventBuilder success = ports.event(EventType.UPDATE_CREDENTIAL);
        if (machine.unlocks("true".equals(context.getAuthenticationSession().getAuthNote(NOTE_UNLOCK)))) {
            success.detail("sspr_was_locked", Boolean.toString(SignInLockout.clear(session, realm, user)));
            success.detail(
                    "sspr_directory_unlock",
                    DirectoryUnlock.afterReset(session, realm, user).name().toLowerCase(Locale.ROOT));
        }
        if (machine.clearsThrottle()) {
            Throttle.forSession(session, realm).clearFor(user.getId());
        }
        if (policy.signOutOtherSessions()) {
            AuthenticatorUtil.logoutOtherSessions(context);
        }
        success.success();
        ports.event(EventType.UPDATE_PASSWORD).success();
        context.success();
    }
}
