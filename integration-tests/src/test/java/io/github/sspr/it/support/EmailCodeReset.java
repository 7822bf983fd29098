package io.github.sspr.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.testframework.mail.MailServer;

/**
 * A self-service reset brought to its code page: a fresh user with a recovery email identifies, chooses email, and the
 * 8-digit code is read from the mail. The start of most reset tests that then do something with the code.
 *
 * @param user the fresh user
 * @param client the person's cookie jar, on the code page
 * @param code the code the mail carried
 * @param codeForm the code form's action (one-time: Keycloak runs a post to it once)
 */
public record EmailCodeReset(ResetUsers.Created user, ResetClient client, String code, String codeForm) {

    /**
     * @param admin the realm, to create the user in
     * @param realm the realm's name
     * @param base the server (or cluster node) the flow starts on
     * @param mail the realm's mail server
     * @param prefix the start of the fresh username
     */
    public static EmailCodeReset start(RealmResource admin, String realm, String base, MailServer mail, String prefix) {
        ResetUsers.Created user = ResetUsers.create(admin, prefix, true, null);
        ResetClient client = new ResetClient(realm, base).openReset().identify(user.username(), null);
        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);
        return new EmailCodeReset(user, client, code, client.formAction("sspr-code-form"));
    }

    /** A code of the same length that is not this one. */
    public String wrongCode() {
        return wrong(code);
    }

    /** An 8-digit code that is not {@code code}. */
    public static String wrong(String code) {
        return code.equals("00000000") ? "11111111" : "00000000";
    }
}
