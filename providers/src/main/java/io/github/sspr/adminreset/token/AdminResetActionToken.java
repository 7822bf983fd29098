package io.github.sspr.adminreset.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The link an administrator sends with {@code POST sspr/users/{id}/send-reset}: a Keycloak action token (signed by the
 * realm's key, bound to one user and, when the user has one, to the account email at the time of sending), valid for
 * the policy's {@code adminResetLinkMinutes}. Opening it leads straight to the password page
 * ({@value #REQUIRED_ACTION}); Keycloak marks it used when that page completes, so it works once.
 *
 * <p>The token holds no secret beyond its signature: no password, no code. Who sent it is recorded in the admin event,
 * not in the token.
 */
public class AdminResetActionToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "sspr-admin-reset";
    /** The required action that shows the password page ({@code io.github.sspr.change.ChangePasswordActionFactory}). */
    public static final String REQUIRED_ACTION = "sspr-change-password";
    /** Client the link's authentication session belongs to; after the page, the person lands on "account updated". */
    public static final String CLIENT = "account";

    private static final String JSON_FIELD_UNLOCK = "sspr-unlock";

    /**
     * The single-use-object key that marks a link used: claimed atomically when its password is written, and looked
     * up when the link is opened again, so a used link says so at once instead of showing the form.
     */
    public static String usedKey(String tokenId) {
        return "sspr:admin-reset-used:" + tokenId;
    }

    @JsonProperty(JSON_FIELD_UNLOCK)
    private boolean unlock;

    public AdminResetActionToken(String userId, String email, int absoluteExpirationInSecs, boolean unlock) {
        super(userId, TOKEN_TYPE, absoluteExpirationInSecs, null);
        this.unlock = unlock;
        this.issuedFor = CLIENT;
        setEmail(email);
    }

    /** For Jackson. */
    @SuppressWarnings("unused")
    private AdminResetActionToken() {}

    /** Whether the admin asked to unlock the account (brute-force lockout, directory lockout) with the reset. */
    public boolean isUnlock() {
        return unlock;
    }
}
