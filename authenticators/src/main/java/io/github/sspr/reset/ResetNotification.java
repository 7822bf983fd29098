package io.github.sspr.reset;

import io.github.sspr.notify.Notifier;
import io.github.sspr.policy.Method;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Tells the user about a completed reset, unlock or lost-authenticator recovery: one mail to every verified address of record (account email and
 * recovery email), after commit, with when, from which IP, the methods used and the "This wasn't me" link; never a code
 * or password. The policy's "Notify users" switch is honoured by {@link Notifier}.
 */
final class ResetNotification {

    private ResetNotification() {}

    static void afterSuccess(KeycloakSession session, RealmModel realm, UserModel user, ResetState state, String ip) {
        List<String> methods = state.passed().stream().map(Method::id).toList();
        Notifier.Kind kind = state.factorMode()
                ? Notifier.Kind.FACTOR_RESET
                : state.unlockMode() ? Notifier.Kind.ACCOUNT_UNLOCKED : Notifier.Kind.PASSWORD_RESET;
        Notifier.notifyUser(session, realm, user, Notifier.Notice.of(kind, ip, methods));
    }
}
