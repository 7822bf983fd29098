package io.github.sspr.change;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.activity.ActivityEvents;
import io.github.sspr.adminreset.token.AdminResetActionToken;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.change.machine.ChangeMachine;
import io.github.sspr.change.machine.ChangeMachine.Mode;
import io.github.sspr.password.PasswordRules;
import io.github.sspr.policy.SsprPolicy;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The Keycloak side of one request of {@link ChangePasswordAction}: the {@link ChangeMachine} for the session's notes,
 * the page, the events, brute-force protection and the admin link's single-use claim.
 */
final class ChangePorts {

    static final String TEMPLATE = "sspr-change-password.ftl";

    private static final String UPDATE_PASSWORD = UserModel.RequiredAction.UPDATE_PASSWORD.name();

    private final KeycloakSession session;
    private final RequiredActionContext context;

    ChangePorts(KeycloakSession session, RequiredActionContext context) {
        this.session = session;
        this.context = context;
    }

    /** The machine for this request: the mode from the session's notes and the user's pending actions. */
    ChangeMachine machine() {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        Mode mode = ChangeMachine.mode(
                ChangePasswordAction.MODE_ADMIN_LINK.equals(authSession.getAuthNote(ChangePasswordAction.NOTE_MODE)),
                user != null && updatePasswordPending(user));
        return new ChangeMachine(
                mode,
                AuthenticatorUtil.isPasswordValidated(authSession),
                ChangePasswordActionFactory.ID.equalsIgnoreCase(authSession.getClientNote(Constants.KC_ACTION)));
    }

    static boolean updatePasswordPending(UserModel user) {
        return user.getRequiredActionsStream().anyMatch(UPDATE_PASSWORD::equals);
    }

    /** Claims the admin link at the write, atomically cluster-wide, so that two tabs cannot both use it. */
    boolean claimLink() {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String tokenId = authSession.getAuthNote(ChangePasswordAction.NOTE_TOKEN);
        if (tokenId == null) {
            return false;
        }
        long ttl = ChangeMachine.claimSeconds(
                authSession.getAuthNote(ChangePasswordAction.NOTE_TOKEN_EXP), Time.currentTime());
        return session.singleUseObjects().putIfAbsent(AdminResetActionToken.usedKey(tokenId), ttl);
    }

    /** A wrong current password counts as a failed sign-in, so this page cannot be used to guess it. */
    void countFailure() {
        RealmModel realm = context.getRealm();
        if (!realm.isBruteForceProtected()) {
            return;
        }
        try {
            session.getProvider(BruteForceProtector.class)
                    .failedLogin(realm, context.getUser(), context.getConnection(), context.getUriInfo(), null);
        } catch (NoSuchMethodError olderKeycloak) {
            // Keycloak changed this method's signature in 26.6 and again in 26.7, with no form common to both: on
            // 26.5.x/26.6.x the wrong password is still refused but not counted (docs/operations.md, "Supported
            // Keycloak versions").
            org.jboss.logging.Logger.getLogger(ChangePorts.class)
                    .debug(
                            "SSPR: this Keycloak's brute-force detection predates 26.7; change-page failure not counted");
        }
    }

    void error(String error, String reason) {
        event(EventType.UPDATE_CREDENTIAL_ERROR).detail(Details.REASON, reason).error(error);
    }

    EventBuilder event(EventType type) {
        ChangeMachine machine = machine();
        EventBuilder event = context.getEvent()
                .clone()
                .event(type)
                .user(context.getUser())
                .detail(Details.USERNAME, context.getUser().getUsername())
                .detail(Details.CREDENTIAL_TYPE, PasswordCredentialModel.TYPE)
                .detail(ActivityEvents.DETAIL_TYPE, machine.activityType().id())
                .detail(ActivityEvents.DETAIL_METHODS, machine.methods());
        if (machine.eventsCarryMode()) {
            event.detail(ActivityEvents.DETAIL_MODE, machine.mode().id());
        }
        return event;
    }

    SsprPolicy policy() {
        return PolicyForUser.of(session, context.getRealm()).policyFor(context.getUser());
    }

    Response page(List<FormMessage> errors) {
        return page(errors, Set.of());
    }

    Response page(List<FormMessage> errors, Set<String> brokenRules) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        ChangeMachine machine = machine();
        LoginFormsProvider form = context.form();
        Branding.forRealm(session, realm).applyTo(form);
        form.setAttribute("ssprChangeMode", machine.mode().id());
        form.setAttribute("ssprAskCurrent", machine.asksCurrent());
        form.setAttribute("ssprCancellable", machine.cancellable());
        form.setAttribute(
                "ssprRules",
                PasswordRules.describe(
                        realm,
                        LoginMessages.of(session, realm, session.getContext().resolveLocale(user)),
                        brokenRules));
        form.setAttribute("ssprUsername", user.getUsername());
        form.setAttribute("ssprEmail", user.getEmail() == null ? "" : user.getEmail());
        form.setAttribute("ssprSignOutOthers", policy().signOutOtherSessions());
        for (FormMessage error : errors) {
            form.addError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
