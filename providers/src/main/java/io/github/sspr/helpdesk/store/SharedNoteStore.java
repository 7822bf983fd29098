package io.github.sspr.helpdesk.store;

import io.github.sspr.otp.NoteStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * {@link NoteStore} over one entry of Keycloak's single-use-object store (cluster-wide, expires by itself), for the
 * one-time codes of a helpdesk verification, which has no authentication session to keep them in.
 *
 * <p>The notes are read once, changed in memory, and written back by {@link #flush} as one entry — the store accepts
 * one {@code put} per key and transaction, and applies it at commit. Two requests racing on the same entry (the same
 * admin checking two codes for the same user at once) may lose one try count; the admin endpoint is permission-gated
 * and each code still dies after its tries.
 */
public final class SharedNoteStore implements NoteStore {

    private final SingleUseObjectProvider store;
    private final String key;
    private final Map<String, String> notes = new HashMap<>();
    private boolean dirty;

    public SharedNoteStore(SingleUseObjectProvider store, String key) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        Map<String, String> stored = store.get(key);
        if (stored != null) {
            notes.putAll(stored);
        }
    }

    @Override
    public String get(String name) {
        return notes.get(name);
    }

    @Override
    public void set(String name, String value) {
        if (value == null) {
            remove(name);
            return;
        }
        dirty |= !value.equals(notes.put(name, value));
    }

    @Override
    public void remove(String name) {
        dirty |= notes.remove(name) != null;
    }

    /** Writes the notes back (at the transaction's commit), to live {@code ttlSeconds} from now. */
    public void flush(long ttlSeconds) {
        if (!dirty) {
            return;
        }
        // Removed first (immediately) so that the queued put is a fresh insert whatever the store does on a clash.
        store.remove(key);
        if (!notes.isEmpty()) {
            store.put(key, ttlSeconds, Map.copyOf(notes));
        }
        dirty = false;
    }
}
