package io.github.sspr.otp;

import io.github.sspr.otp.store.AuthSessionNoteStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link NoteStore} in a plain map, for unit tests. Not thread-safe and not shared
 * between cluster nodes: production code uses {@link AuthSessionNoteStore}.
 */
public final class InMemoryNoteStore implements NoteStore {

    private final Map<String, String> notes = new HashMap<>();

    @Override
    public String get(String name) {
        return notes.get(name);
    }

    @Override
    public void set(String name, String value) {
        notes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void remove(String name) {
        notes.remove(name);
    }

    /** A copy of every note, so a test can check what was (and was not) stored. */
    public Map<String, String> snapshot() {
        return Map.copyOf(notes);
    }
}
