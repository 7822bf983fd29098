package io.github.sspr.throttle;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A {@link CounterStore} in one JVM's memory with expiry on an injected clock, for unit tests here and in other
 * modules. It is not shared between cluster nodes, so production never uses it.
 */
public final class InMemoryCounterStore implements CounterStore {

    private record Entry(String value, long expiresAtMillis) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** @param clock epoch milliseconds; entries expire by it */
    public InMemoryCounterStore(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean addIfAbsent(String key, long ttlSeconds) {
        AtomicBoolean added = new AtomicBoolean();
        long now = clock.getAsLong();
        entries.compute(key, (k, existing) -> {
            if (existing != null && existing.expiresAtMillis() > now) {
                return existing;
            }
            added.set(true);
            return new Entry("", now + ttlSeconds * 1000);
        });
        return added.get();
    }

    @Override
    public boolean contains(String key) {
        return live(key) != null;
    }

    @Override
    public void put(String key, long ttlSeconds, String value) {
        entries.put(key, new Entry(value, clock.getAsLong() + ttlSeconds * 1000));
    }

    @Override
    public String get(String key) {
        Entry entry = live(key);
        return entry == null ? null : entry.value();
    }

    @Override
    public void remove(String key) {
        entries.remove(key);
    }

    /** Live keys, for tests that check what was stored (e.g. that no phone number appears in a key). */
    public Set<String> keys() {
        long now = clock.getAsLong();
        return entries.entrySet().stream()
                .filter(e -> e.getValue().expiresAtMillis() > now)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.expiresAtMillis() > clock.getAsLong() ? entry : null;
    }
}
