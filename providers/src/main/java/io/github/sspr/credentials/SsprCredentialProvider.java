package io.github.sspr.credentials;

import io.github.sspr.credentials.kinds.RecoveryCredential;
import java.util.Objects;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A recovery method as a Keycloak credential: stored locally (also for LDAP users), at most one per user and type,
 * listed in the admin console's Credentials tab and the account console, and removable from both.
 *
 * <p>Nothing here verifies anything at sign-in: these credentials are never a login factor, only reset gates, so the
 * provider deliberately does not implement {@code CredentialInputValidator} (which would let Keycloak's login flows
 * treat them as one).
 */
public class SsprCredentialProvider implements CredentialProvider<CredentialModel> {

    /** The registration required action, which creates and changes every recovery credential. */
    public static final String REGISTER_ACTION = "sspr-register";

    private final KeycloakSession session;
    private final RecoveryCredential kind;

    public SsprCredentialProvider(KeycloakSession session, RecoveryCredential kind) {
        this.session = Objects.requireNonNull(session, "session");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String getType() {
        return kind.type();
    }

    /** Replaces the user's credential of this type, if any: one phone, one email, one set of questions. */
    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        if (!kind.type().equals(credential.getType())) {
            throw new IllegalArgumentException("expected a " + kind.type() + " credential");
        }
        user.credentialManager()
                .getStoredCredentialsByTypeStream(kind.type())
                .toList()
                .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return kind.type().equals(credentialType);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        // Display name and help text are message keys (theme-resources/messages), localized by the consoles.
        CredentialTypeMetadata.CredentialTypeMetadataBuilder builder = CredentialTypeMetadata.builder()
                .type(kind.type())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName(kind.type() + "-display-name")
                .helpText(kind.type() + "-help-text")
                .iconCssClass(CredentialTypeMetadata.DEFAULT_ICON_CSS_CLASS)
                .updateAction(REGISTER_ACTION)
                .removeable(true);
        UserModel user = context.getUser();
        if (user != null
                && user.credentialManager()
                        .getStoredCredentialsByTypeStream(kind.type())
                        .findAny()
                        .isEmpty()) {
            builder.createAction(REGISTER_ACTION);
        }
        return builder.build(session);
    }
}
