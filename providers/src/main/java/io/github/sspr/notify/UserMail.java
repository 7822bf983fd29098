package io.github.sspr.notify;

import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One mail to one address on behalf of a user, through Keycloak's e-mail template provider (the realm's SMTP settings
 * and e-mail theme): the one way every SSPR notice, invitation and reminder reaches a mailbox (docs/notifications.md).
 * Codes go through the delivery pipeline instead.
 */
final class UserMail {

    private UserMail() {}

    /**
     * Sends {@code template} to {@code address} for the user {@code userId}, who is read again in the sending session
     * (the mail goes after the request's commit); {@code false} when that user was deleted meanwhile.
     *
     * @param attributes the template's attributes; must be mutable (Keycloak's provider adds to them)
     */
    static boolean send(
            KeycloakSession session,
            RealmModel realm,
            String userId,
            String address,
            String subjectKey,
            List<Object> subjectArguments,
            String template,
            Map<String, Object> attributes)
            throws Exception {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return false;
        }
        session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(MailRecipient.of(user, address))
                .send(subjectKey, subjectArguments, template, attributes);
        return true;
    }
}
