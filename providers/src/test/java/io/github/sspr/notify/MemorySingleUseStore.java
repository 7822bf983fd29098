package io.github.sspr.notify;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.SingleUseObjectProvider;

/** Keycloak's single-use-object store in memory (no expiry), recording what was stored. */
class MemorySingleUseStore implements SingleUseObjectProvider {

    final Map<String, Map<String, String>> entries = new HashMap<>();
    final Map<String, Long> lifespans = new HashMap<>();

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, Map.copyOf(notes));
        lifespans.put(key, lifespanSeconds);
    }

    @Override
    public Map<String, String> get(String key) {
        return entries.get(key);
    }

    @Override
    public Map<String, String> remove(String key) {
        return entries.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        return entries.replace(key, notes) != null;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, lifespanInSeconds, Map.of());
        return true;
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public void close() {}
}
