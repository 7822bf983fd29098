package io.github.sspr.throttle;

import java.util.ArrayList;
import java.util.List;

/** Wraps a store, records every call and can let a rival request claim a key just before us. */
final class RecordingStore implements CounterStore {

    final CounterStore delegate;
    final List<String> calls = new ArrayList<>();
    /** Keys a simulated concurrent request claims right before our {@code addIfAbsent} of them. */
    final List<String> stolenByRival = new ArrayList<>();

    RecordingStore(CounterStore delegate) {
        this.delegate = delegate;
    }

    long count(String operation) {
        return calls.stream().filter(c -> c.startsWith(operation + " ")).count();
    }

    @Override
    public boolean addIfAbsent(String key, long ttlSeconds) {
        if (stolenByRival.remove(key)) {
            delegate.addIfAbsent(key, ttlSeconds);
        }
        calls.add("addIfAbsent " + key);
        return delegate.addIfAbsent(key, ttlSeconds);
    }

    @Override
    public boolean contains(String key) {
        calls.add("contains " + key);
        return delegate.contains(key);
    }

    @Override
    public void put(String key, long ttlSeconds, String value) {
        calls.add("put " + key + " " + ttlSeconds);
        delegate.put(key, ttlSeconds, value);
    }

    @Override
    public String get(String key) {
        calls.add("get " + key);
        return delegate.get(key);
    }

    @Override
    public void remove(String key) {
        calls.add("remove " + key);
        delegate.remove(key);
    }
}
