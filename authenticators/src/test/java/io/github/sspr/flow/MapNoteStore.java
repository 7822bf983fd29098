package io.github.sspr.flow;

import io.github.sspr.otp.NoteStore;
import java.util.Map;
import java.util.TreeMap;

/** The flows' notes in a map, for unit tests of the machines (in production: the authentication session's notes). */
public final class MapNoteStore implements NoteStore {

    private final Map<String, String> notes = new TreeMap<>();

    public MapNoteStore with(String name, String value) {
        notes.put(name, value);
        return this;
    }

    @Override
    public String get(String name) {
        return notes.get(name);
    }

    @Override
    public void set(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("a note is removed, never set to null: " + name);
        }
        notes.put(name, value);
    }

    @Override
    public void remove(String name) {
        notes.remove(name);
    }

    /** A copy of every note now set. */
    public Map<String, String> snapshot() {
        return Map.copyOf(notes);
    }
}
