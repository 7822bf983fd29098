package io.github.sspr.otp.store;

import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.NoteStore;
import java.util.Objects;
import org.keycloak.sessions.AuthenticationSessionModel;

/** {@link NoteStore} over the auth notes of one authentication session (one browser tab of one login). */
public final class AuthSessionNoteStore implements NoteStore {

    private final AuthenticationSessionModel authSession;

    public AuthSessionNoteStore(AuthenticationSessionModel authSession) {
        this.authSession = Objects.requireNonNull(authSession, "authSession");
    }

    @Override
    public String get(String name) {
        return authSession.getAuthNote(name);
    }

    @Override
    public void set(String name, String value) {
        authSession.setAuthNote(name, value);
    }

    @Override
    public void remove(String name) {
        authSession.removeAuthNote(name);
    }

    /** A code binding for the given authentication session (its root session id and tab id). */
    public static CodeBinding binding(AuthenticationSessionModel authSession, String userId, String purpose) {
        return new CodeBinding(userId, authSession.getParentSession().getId(), authSession.getTabId(), purpose);
    }
}
