package io.github.sspr.throttle;

/**
 * The few cluster-wide, expiring key operations the throttle is built on. Production uses Keycloak's single-use-object
 * store ({@code throttle.store.SingleUseObjectCounterStore}); unit tests use an in-memory map ({@code InMemoryCounterStore}, test sources). Keys are chosen by
 * {@link Counters} and always start with {@code sspr:}.
 */
public interface CounterStore {

    /**
     * Creates {@code key} if it does not exist, atomically across the cluster: of several concurrent calls for one key,
     * exactly one returns {@code true}. The key is visible to every node when the call returns.
     */
    boolean addIfAbsent(String key, long ttlSeconds);

    /** Whether {@code key} exists. */
    boolean contains(String key);

    /**
     * Stores {@code value} under {@code key}, replacing an earlier value. Other nodes may only see it once the current
     * request's transaction commits; the same request reads its own write through {@link #get}.
     */
    void put(String key, long ttlSeconds, String value);

    /** The value stored with {@link #put}, or {@code null}. */
    String get(String key);

    /** Removes {@code key}; removing a missing key does nothing. */
    void remove(String key);
}
