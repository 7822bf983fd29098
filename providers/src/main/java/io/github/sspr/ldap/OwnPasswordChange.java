package io.github.sspr.ldap;

import java.util.Optional;
import java.util.function.Supplier;
import org.keycloak.models.KeycloakSession;

/**
 * Hands the user's current password from the page that has just checked it (SSPR's change-password action) to the
 * {@code sspr-ldap} writeback of the same request. Keycloak's credential manager passes only the new password; with
 * the current one, Active Directory gets a <em>change</em> (remove the old value, add the new one) instead of a
 * reset — the operation Windows itself uses when a user changes a password, to which AD applies its whole policy,
 * history and minimum age included, whether or not the domain controller offers the policy-hints control.
 *
 * <p>The password lives in a request-scoped {@link KeycloakSession} attribute for the duration of the write only, and
 * is removed when the write returns or throws.
 */
public final class OwnPasswordChange {

    static final String ATTRIBUTE = "io.github.sspr.ldap.current-password";

    private OwnPasswordChange() {}

    /** Runs {@code write} (the credential manager's update) with {@code currentPassword} available to the writeback. */
    public static <T> T withCurrentPassword(KeycloakSession session, String currentPassword, Supplier<T> write) {
        session.setAttribute(ATTRIBUTE, currentPassword);
        try {
            return write.get();
        } finally {
            session.removeAttribute(ATTRIBUTE);
        }
    }

    /** The current password handed over for this request's write, if any. */
    static Optional<String> currentPassword(KeycloakSession session) {
        return Optional.ofNullable(session.getAttribute(ATTRIBUTE, String.class));
    }
}
