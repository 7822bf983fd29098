package io.github.sspr.throttle.store;

import io.github.sspr.throttle.CounterStore;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * {@link CounterStore} over Keycloak's single-use-object store (Infinispan's replicated {@code actionTokens} cache, or an
 * external Infinispan), so counters and blocks are shared by every node and expire on their own.
 *
 * <p>How each operation maps, as read from the 26.7 implementation: {@code putIfAbsent} goes straight to the cache
 * and is atomic cluster-wide (Keycloak relies on it to make action tokens single-use); {@code contains},
 * {@code get} and {@code remove} are immediate too; {@code put} is queued in the session's transaction and written at
 * commit (a second {@code put} of the same key in one transaction is refused by the store, so this adapter writes each
 * key at most once per request and keeps the first value).
 *
 * <p>One instance per Keycloak session; not shared between threads.
 */
public final class SingleUseObjectCounterStore implements CounterStore {

    private static final String VALUE = "v";

    private final SingleUseObjectProvider store;
    private final Set<String> putInThisRequest = new HashSet<>();

    public SingleUseObjectCounterStore(SingleUseObjectProvider store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public boolean addIfAbsent(String key, long ttlSeconds) {
        return store.putIfAbsent(key, Math.max(1, ttlSeconds));
    }

    @Override
    public boolean contains(String key) {
        return store.contains(key);
    }

    @Override
    public void put(String key, long ttlSeconds, String value) {
        if (putInThisRequest.add(key)) {
            store.put(key, Math.max(1, ttlSeconds), Map.of(VALUE, value));
        }
    }

    @Override
    public String get(String key) {
        Map<String, String> notes = store.get(key);
        return notes == null ? null : notes.get(VALUE);
    }

    @Override
    public void remove(String key) {
        store.remove(key);
    }
}
