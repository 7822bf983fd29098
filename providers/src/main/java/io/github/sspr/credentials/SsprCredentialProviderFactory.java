package io.github.sspr.credentials;

import io.github.sspr.credentials.kinds.RecoveryCredential;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Factories of the three recovery credential types; each is registered under its credential type as id. */
public abstract class SsprCredentialProviderFactory implements CredentialProviderFactory<SsprCredentialProvider> {

    private final RecoveryCredential kind;

    protected SsprCredentialProviderFactory(RecoveryCredential kind) {
        this.kind = kind;
    }

    @Override
    public String getId() {
        return kind.type();
    }

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new SsprCredentialProvider(session, kind);
    }

    /** {@code sspr-recovery-phone}. */
    public static final class Phone extends SsprCredentialProviderFactory {
        public Phone() {
            super(RecoveryCredential.PHONE);
        }
    }

    /** {@code sspr-recovery-email}. */
    public static final class Email extends SsprCredentialProviderFactory {
        public Email() {
            super(RecoveryCredential.EMAIL);
        }
    }

    /** {@code sspr-security-questions}. */
    public static final class Questions extends SsprCredentialProviderFactory {
        public Questions() {
            super(RecoveryCredential.QUESTIONS);
        }
    }
}
