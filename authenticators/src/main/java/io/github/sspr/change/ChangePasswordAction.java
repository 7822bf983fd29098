package io.github.sspr.change;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.activity.ActivityEvents;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.adminreset.token.AdminResetActionToken;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.ldap.DirectoryUnlock;
import io.github.sspr.ldap.OwnPasswordChange;
import io.github.sspr.password.PasswordRules;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.throttle.store.Throttle;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * SSPR's password change page, the same page logic as the reset's new-password step ({@link PasswordRules}: the rules
 * up front, the live checklist script, every broken rule explained) with the write through Keycloak's credential
 * manager — so {@code sspr-ldap} writes the directory first and a refusal leaves the password unchanged everywhere.
 *
 * <p>Modes, decided per authentication session:
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
public final class ChangePasswordAction implements RequiredActionProvider {

    static final String TEMPLATE = "sspr-change-password.ftl";
    static final String FIELD_CURRENT = "password-current";
    static final String FIELD_NEW = "password-new";
    static final String FIELD_CONFIRM = "password-confirm";
    private static final int MAX_PASSWORD = 1024;

    /** Auth note: {@code admin-link} when the page was opened through an administrator's reset link. */
    public static final String NOTE_MODE = "sspr.change.mode";
    /** Auth note: {@code true} when the admin's link asks to unlock the account too. */
    public static final String NOTE_UNLOCK = "sspr.change.unlock";
    /** Auth note: the admin link's token id, claimed once at the write. */
    public static final String NOTE_TOKEN = "sspr.change.token";
    /** Auth note: the link's expiry (epoch seconds), for the claim's lifetime. */
    public static final String NOTE_TOKEN_EXP = "sspr.change.tokenExp";

    public static final String MODE_ADMIN_LINK = "admin-link";
    /** Message for an admin link opened or submitted after it was used. */
    public static final String LINK_USED = "sspr.change.error.linkUsed";

    private static final String MODE_FORCED = "forced";
    private static final String MODE_CHANGE = "change";

    private static final String UPDATE_PASSWORD = UserModel.RequiredAction.UPDATE_PASSWORD.name();

    private final KeycloakSession session;

    ChangePasswordAction(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /**
     * Takes over Keycloak's password page when configured: an application-initiated UPDATE_PASSWORD (the account
     * console's "Update" button), a pending UPDATE_PASSWORD on the user, or a password older than the realm's expiry
     * (checked here too, because Keycloak's own trigger may run after this one).
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (!forcedEnabled(context.getConfig())) {
            return;
        }
        UserModel user = context.getUser();
        if (user == null) {
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (UPDATE_PASSWORD.equals(authSession.getClientNote(Constants.KC_ACTION))) {
            // The account console's "Update" (and any app asking kc_action=UPDATE_PASSWORD) gets this page. Keycloak
            // reads the note only after the triggers ran, and has already applied the max-auth-age check.
            authSession.setClientNote(Constants.KC_ACTION, ChangePasswordActionFactory.ID);
        }
        boolean pending = user.getRequiredActionsStream().anyMatch(UPDATE_PASSWORD::equals)
                || (AuthenticatorUtil.isPasswordValidated(context.getAuthenticationSession())
                        && expired(context.getRealm(), user));
        if (pending) {
            user.addRequiredAction(ChangePasswordActionFactory.ID);
        }
    }

    private static boolean forcedEnabled(RequiredActionConfigModel config) {
        String value = config == null ? null : config.getConfigValue(ChangePasswordActionFactory.FORCED);
        return value == null || Boolean.parseBoolean(value);
    }

    private boolean expired(RealmModel realm, UserModel user) {
        int days = realm.getPasswordPolicy().getDaysToExpirePassword();
        if (days == -1) {
            return false;
        }
        CredentialModel password = user.credentialManager()
                .getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst()
                .orElse(null);
        if (password == null) {
            return false;
        }
        if (password.getCreatedDate() == null) {
            return true;
        }
        return Time.currentTimeMillis() - password.getCreatedDate() > TimeUnit.DAYS.toMillis(days);
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, List.of()));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String mode = mode(context);

        if ("cancel".equals(form.getFirst("sspr-action")) && cancellable(context)) {
            context.cancel();
            return;
        }
        String current = null;
        if (asksCurrent(context)) {
            current = form.getFirst(FIELD_CURRENT);
            if (current == null || current.isEmpty()) {
                reject(context, List.of(new FormMessage(FIELD_CURRENT, "sspr.change.error.currentMissing")), "missing");
                return;
            }
            if (current.length() > MAX_PASSWORD
                    || !user.credentialManager().isValid(UserCredentialModel.password(current))) {
                countFailure(context);
                error(context, Errors.INVALID_USER_CREDENTIALS, "current password wrong");
                context.challenge(
                        page(context, List.of(new FormMessage(FIELD_CURRENT, "sspr.change.error.currentWrong"))));
                return;
            }
        }
        String password = form.getFirst(FIELD_NEW);
        String confirm = form.getFirst(FIELD_CONFIRM);
        if (password == null || password.isEmpty()) {
            reject(context, List.of(new FormMessage(FIELD_NEW, "sspr.reset.error.passwordMissing")), "missing");
            return;
        }
        if (password.length() > MAX_PASSWORD || !password.equals(confirm)) {
            reject(context, List.of(new FormMessage(FIELD_CONFIRM, "sspr.reset.error.passwordMismatch")), "mismatch");
            return;
        }
        PasswordRules.Verdict verdict = PasswordRules.check(session, realm, user, password);
        if (!verdict.passes()) {
            error(context, Errors.PASSWORD_REJECTED, verdict.reason());
            context.challenge(page(context, verdict.errors(), verdict.rules()));
            return;
        }
        if (MODE_ADMIN_LINK.equals(mode) && !claimLink(authSession)) {
            // Another tab already set a password with this link: it works once.
            error(context, Errors.EXPIRED_CODE, "admin reset link already used");
            // An error page, not failure(): the link's session has no client redirect to fail back to.
            context.challenge(context.form().setError(LINK_USED).createErrorPage(Response.Status.BAD_REQUEST));
            return;
        }
        try {
            // The commit point: sspr-ldap writes the directory first and throws when it refuses or is down; Keycloak's
            // copy then stays as it was.
            UserCredentialModel input = UserCredentialModel.password(password, false);
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
            error(context, Errors.PASSWORD_REJECTED, "refused: " + refused.reason());
            context.challenge(page(context, refused.errors(), refused.rules()));
            return;
        }
        user.removeRequiredAction(UPDATE_PASSWORD);
        authSession.removeRequiredAction(UPDATE_PASSWORD);

        SsprPolicy policy = policyFor(realm, user);
        EventBuilder success = event(context, EventType.UPDATE_CREDENTIAL);
        if (MODE_ADMIN_LINK.equals(mode)) {
            boolean unlock = "true".equals(authSession.getAuthNote(NOTE_UNLOCK));
            if (unlock) {
                success.detail("sspr_was_locked", Boolean.toString(clearBruteForce(realm, user)));
                success.detail(
                        "sspr_directory_unlock",
                        DirectoryUnlock.afterReset(session, realm, user).name().toLowerCase(Locale.ROOT));
            }
            Throttle.forSession(session, realm).clearFor(user.getId());
        }
        if (policy.signOutOtherSessions()) {
            AuthenticatorUtil.logoutOtherSessions(context);
        }
        success.success();
        event(context, EventType.UPDATE_PASSWORD).success();
        context.success();
    }

    /** Claims the admin link at the write, atomically cluster-wide, so that two tabs cannot both use it. */
    private boolean claimLink(AuthenticationSessionModel authSession) {
        String tokenId = authSession.getAuthNote(NOTE_TOKEN);
        if (tokenId == null) {
            return false;
        }
        long exp = parse(authSession.getAuthNote(NOTE_TOKEN_EXP));
        long ttl = Math.max(60, exp - Time.currentTime() + 60);
        return session.singleUseObjects().putIfAbsent(AdminResetActionToken.usedKey(tokenId), ttl);
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private boolean clearBruteForce(RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        boolean temporarily = protector.isTemporarilyDisabled(session, realm, user);
        boolean permanently = protector.isPermanentlyLockedOut(session, realm, user);
        session.loginFailures().removeUserLoginFailure(realm, user.getId());
        if (permanently) {
            protector.cleanUpPermanentLockout(session, realm, user);
        }
        return temporarily || permanently;
    }

    /**
     * A wrong current password counts as a failed sign-in, so this page cannot be used to guess it. Keycloak changed
     * this method's signature in 26.6 and again in 26.7 with no form common to both: on 26.5.x/26.6.x the wrong password
     * is still refused but not counted (docs/operations.md, "Supported Keycloak versions").
     */
    private void countFailure(RequiredActionContext context) {
        RealmModel realm = context.getRealm();
        if (!realm.isBruteForceProtected()) {
            return;
        }
        try {
            session.getProvider(BruteForceProtector.class)
                    .failedLogin(realm, context.getUser(), context.getConnection(), context.getUriInfo(), null);
        } catch (NoSuchMethodError olderKeycloak) {
            org.jboss.logging.Logger.getLogger(ChangePasswordAction.class)
                    .debug(
                            "SSPR: this Keycloak's brute-force detection predates 26.7; change-page failure not counted");
        }
    }

    private void reject(RequiredActionContext context, List<FormMessage> errors, String reason) {
        error(context, Errors.PASSWORD_REJECTED, reason);
        context.challenge(page(context, errors));
    }

    private void error(RequiredActionContext context, String error, String reason) {
        event(context, EventType.UPDATE_CREDENTIAL_ERROR)
                .detail(Details.REASON, reason)
                .error(error);
    }

    private EventBuilder event(RequiredActionContext context, EventType type) {
        boolean adminLink = MODE_ADMIN_LINK.equals(mode(context));
        EventBuilder event = context.getEvent()
                .clone()
                .event(type)
                .user(context.getUser())
                .detail(Details.USERNAME, context.getUser().getUsername())
                .detail(Details.CREDENTIAL_TYPE, PasswordCredentialModel.TYPE)
                .detail(
                        ActivityEvents.DETAIL_TYPE,
                        adminLink ? ActivityType.ADMIN_RESET.id() : ActivityType.SELF_SERVICE_CHANGE.id())
                .detail(ActivityEvents.DETAIL_METHODS, adminLink ? "admin-link" : "password");
        if (adminLink) {
            event.detail(ActivityEvents.DETAIL_MODE, mode(context));
        }
        return event;
    }

    static String mode(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (MODE_ADMIN_LINK.equals(authSession.getAuthNote(NOTE_MODE))) {
            return MODE_ADMIN_LINK;
        }
        UserModel user = context.getUser();
        if (user != null && user.getRequiredActionsStream().anyMatch(UPDATE_PASSWORD::equals)) {
            return MODE_FORCED;
        }
        return MODE_CHANGE;
    }

    /** The current password is asked unless the link is the proof, or the person typed it in this very sign-in. */
    private static boolean asksCurrent(RequiredActionContext context) {
        return !MODE_ADMIN_LINK.equals(mode(context))
                && !AuthenticatorUtil.isPasswordValidated(context.getAuthenticationSession());
    }

    /** Only an application-initiated change can be cancelled; a forced change or an admin's link cannot be skipped. */
    private static boolean cancellable(RequiredActionContext context) {
        return ChangePasswordActionFactory.ID.equalsIgnoreCase(
                        context.getAuthenticationSession().getClientNote(Constants.KC_ACTION))
                && MODE_CHANGE.equals(mode(context));
    }

    private SsprPolicy policyFor(RealmModel realm, UserModel user) {
        return PolicyForUser.of(session, realm).policyFor(user);
    }

    private Response page(RequiredActionContext context, List<FormMessage> errors) {
        return page(context, errors, Set.of());
    }

    private Response page(RequiredActionContext context, List<FormMessage> errors, Set<String> brokenRules) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        String mode = mode(context);
        LoginFormsProvider form = context.form();
        Branding.forRealm(realm).applyTo(form);
        form.setAttribute("ssprChangeMode", mode);
        form.setAttribute("ssprAskCurrent", asksCurrent(context));
        form.setAttribute("ssprCancellable", cancellable(context));
        form.setAttribute(
                "ssprRules",
                PasswordRules.describe(
                        realm,
                        LoginMessages.of(session, realm, session.getContext().resolveLocale(user)),
                        brokenRules));
        form.setAttribute("ssprUsername", user.getUsername());
        form.setAttribute("ssprEmail", user.getEmail() == null ? "" : user.getEmail());
        form.setAttribute("ssprSignOutOthers", policyFor(realm, user).signOutOtherSessions());
        for (FormMessage error : errors) {
            form.addError(error);
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public void close() {}
}
