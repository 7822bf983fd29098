package io.github.sspr.notify;

import java.util.Objects;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * The user an SSPR email is about, addressed to a chosen mailbox (a recovery address, a new address to confirm, a realm
 * admin's): give it to {@code EmailTemplateProvider.setUser(…)} and call the four-argument {@code send(…)}.
 *
 * <p>Keycloak's templated {@code send(…)} mails {@code user.getEmail()}; the variant that takes an address exists only
 * from Keycloak 26.7, and SSPR supports 26.5 onwards (docs/operations.md, "Supported Keycloak versions"). Everything
 * else — language, name, attributes in the template — is the user's own.
 */
public final class MailRecipient extends UserModelDelegate {

    private final String address;

    private MailRecipient(UserModel user, String address) {
        super(user);
        this.address = address;
    }

    /** {@code user}, with {@code address} as the mailbox Keycloak's email provider sends to. */
    public static UserModel of(UserModel user, String address) {
        return new MailRecipient(Objects.requireNonNull(user, "user"), Objects.requireNonNull(address, "address"));
    }

    @Override
    public String getEmail() {
        return address;
    }
}
