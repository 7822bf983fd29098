package io.github.sspr.change;

import io.github.sspr.adminreset.token.AdminResetActionToken;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.ExplainedTokenVerificationException;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens an administrator's reset link ({@link AdminResetActionToken}): the token's signature, expiry, user (exists,
 * enabled) and email binding are checked by Keycloak before this runs; here the authentication session gets SSPR's
 * password page as its one required action, in admin-link mode.
 *
 * <p>Single use: {@link #canUseTokenRepeatedly} is false, so Keycloak refuses a token it has seen completed and marks
 * this one used when the page completes; {@link ChangePasswordAction} also claims it at the password write, so two
 * tabs opened on the same link cannot both set a password, and a link opened after that claim shows at once that it
 * was used (Keycloak revokes a token only when the whole flow finishes, which a person may never reach).
 */
public final class AdminResetTokenHandler extends AbstractActionTokenHandler<AdminResetActionToken> {

    public AdminResetTokenHandler() {
        super(
                AdminResetActionToken.TOKEN_TYPE,
                AdminResetActionToken.class,
                Messages.INVALID_CODE,
                EventType.EXECUTE_ACTIONS,
                Errors.NOT_ALLOWED);
    }

    @Override
    @SuppressWarnings("unchecked")
    public org.keycloak.TokenVerifier.Predicate<? super AdminResetActionToken>[] getVerifiers(
            ActionTokenContext<AdminResetActionToken> tokenContext) {
        return org.keycloak.authentication.actiontoken.TokenUtils.predicates(
                verifyEmail(tokenContext), token -> notUsed(token, tokenContext));
    }

    /**
     * A link whose password was already written says so at once, with what to do, instead of showing a form whose
     * submission could only fail. Keycloak's own revocation ("Action expired") happens only when the whole flow
     * finishes, which a person may never reach, and does not say that the link was used.
     */
    private static boolean notUsed(AdminResetActionToken token, ActionTokenContext<AdminResetActionToken> context)
            throws ExplainedTokenVerificationException {
        String tokenId = token.getActionVerificationNonce().toString();
        if (context.getSession().singleUseObjects().contains(AdminResetActionToken.usedKey(tokenId))) {
            throw new ExplainedTokenVerificationException(token, Errors.EXPIRED_CODE, ChangePasswordAction.LINK_USED);
        }
        return true;
    }

    @Override
    public Response handleToken(AdminResetActionToken token, ActionTokenContext<AdminResetActionToken> tokenContext) {
        AuthenticationSessionModel authSession = tokenContext.getAuthenticationSession();
        String tokenId = token.getActionVerificationNonce().toString();
        authSession.setAuthNote(ChangePasswordAction.NOTE_MODE, ChangePasswordAction.MODE_ADMIN_LINK);
        authSession.setAuthNote(ChangePasswordAction.NOTE_UNLOCK, Boolean.toString(token.isUnlock()));
        authSession.setAuthNote(ChangePasswordAction.NOTE_TOKEN, tokenId);
        authSession.setAuthNote(ChangePasswordAction.NOTE_TOKEN_EXP, String.valueOf(token.getExp()));
        authSession.addRequiredAction(ChangePasswordActionFactory.ID);
        String next = AuthenticationManager.nextRequiredAction(
                tokenContext.getSession(), authSession, tokenContext.getRequest(), tokenContext.getEvent());
        return AuthenticationManager.redirectToRequiredActions(
                tokenContext.getSession(), tokenContext.getRealm(), authSession, tokenContext.getUriInfo(), next);
    }

    @Override
    public boolean canUseTokenRepeatedly(
            AdminResetActionToken token, ActionTokenContext<AdminResetActionToken> tokenContext) {
        return false;
    }
}
