package io.github.sspr.otp;

/**
 * Per-flow string notes. In production these are the authentication session's auth notes ({@code otp.store.AuthSessionNoteStore}),
 * which Keycloak keeps with the login tab and replicates across the cluster; unit tests use an in-memory map ({@code InMemoryNoteStore}, test sources).
 */
public interface NoteStore {

    /** The note's value, or {@code null} when it is not set. */
    String get(String name);

    /** Sets (or overwrites) a note. */
    void set(String name, String value);

    /** Removes a note; removing a note that is not set does nothing. */
    void remove(String name);
}
