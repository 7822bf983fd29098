package io.github.sspr.reset;

import io.github.sspr.otp.store.AuthSessionNoteStore;
import io.github.sspr.reset.machine.ResetNotes;
import org.keycloak.sessions.AuthenticationSessionModel;

/** The reset flow's notes ({@link ResetNotes}) over a Keycloak authentication session. */
final class ResetState extends ResetNotes {

    private final AuthenticationSessionModel authSession;

    ResetState(AuthenticationSessionModel authSession) {
        super(new AuthSessionNoteStore(authSession));
        this.authSession = authSession;
    }

    AuthenticationSessionModel authSession() {
        return authSession;
    }
}
