package io.github.sspr.throttle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class SingleUseObjectCounterStoreTest {

    private final FakeSingleUseObjects suo = new FakeSingleUseObjects();
    private final SingleUseObjectCounterStore store = new SingleUseObjectCounterStore(suo);

    @Test
    void addIfAbsentIsPutIfAbsentWithTheTtl() {
        assertTrue(store.addIfAbsent("sspr:k", 60));
        assertFalse(store.addIfAbsent("sspr:k", 60));
        assertTrue(store.contains("sspr:k"));
        assertEquals(List.of("putIfAbsent sspr:k 60", "putIfAbsent sspr:k 60"), suo.calls.subList(0, 2));
    }

    @Test
    void valuesAreStoredAsANote() {
        store.put("sspr:block", 86_400, "123");

        assertEquals(Map.of("v", "123"), suo.values.get("sspr:block"));
        assertEquals("123", store.get("sspr:block"));
        assertNull(store.get("sspr:other"));
    }

    @Test
    void aKeyIsPutAtMostOncePerRequestAsTheStoreRequires() {
        store.put("sspr:block", 60, "1");
        store.put("sspr:block", 60, "2");

        assertEquals("1", store.get("sspr:block"));
        assertEquals(1, suo.calls.stream().filter(c -> c.startsWith("put ")).count());
    }

    @Test
    void ttlsAreAtLeastOneSecond() {
        store.addIfAbsent("sspr:a", 0);
        store.put("sspr:b", -5, "x");

        assertTrue(suo.calls.contains("putIfAbsent sspr:a 1"), suo.calls.toString());
        assertTrue(suo.calls.contains("put sspr:b 1"), suo.calls.toString());
    }

    @Test
    void removeRemoves() {
        store.addIfAbsent("sspr:a", 10);
        store.remove("sspr:a");

        assertFalse(store.contains("sspr:a"));
    }

    /** Behaves like Keycloak's store in one transaction: a second put of one key is refused. */
    static final class FakeSingleUseObjects implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> values = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            calls.add("put " + key + " " + lifespanSeconds);
            if (calls.stream().filter(c -> c.startsWith("put " + key + " ")).count() > 1) {
                throw new IllegalStateException("Can't add session: task in progress for session");
            }
            values.put(key, notes);
        }

        @Override
        public Map<String, String> get(String key) {
            return values.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return values.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            throw new UnsupportedOperationException("the adapter must not rely on replace");
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            calls.add("putIfAbsent " + key + " " + lifespanInSeconds);
            return values.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public boolean contains(String key) {
            return values.containsKey(key);
        }

        @Override
        public void close() {}
    }
}
