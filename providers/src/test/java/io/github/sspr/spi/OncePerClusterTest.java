package io.github.sspr.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.timer.ScheduledTask;

/**
 * A task runs once per window in the cluster: nodes that tick on their own clocks (own start offsets, own tick) claim
 * windows through one store, and each window is run by exactly one of them.
 */
class OncePerClusterTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);

    @AfterEach
    void clearProperty() {
        System.clearProperty(OncePerCluster.INTERVAL_PROPERTY);
    }

    /**
     * The timer starts at Keycloak's post-start event, not in the factory's postInit: a tick during start-up would meet
     * Keycloak's providers not yet initialised (an ERROR on each node's start with a short interval).
     */
    @Test
    void theTimerStartsOnlyOnceTheServerHasStarted() {
        List<ProviderEventListener> listeners = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        KeycloakSessionFactory factory = (KeycloakSessionFactory) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("register")) {
                        listeners.add((ProviderEventListener) args[0]);
                        return null;
                    }
                    // create(): the timer's transaction, the first thing scheduling does.
                    throw new IllegalStateException("scheduling started");
                });
        OncePerCluster.schedule(factory, new NamedTask("sspr-test"), INTERVAL);
        assertEquals(List.of("register"), calls, "nothing scheduled during start-up");
        listeners.forEach(l -> l.onEvent(new ProviderEvent() {}));
        assertEquals(List.of("register"), calls, "another event starts nothing");
        PostMigrationEvent started = new PostMigrationEvent(factory);
        IllegalStateException scheduling =
                assertThrows(IllegalStateException.class, () -> listeners.forEach(l -> l.onEvent(started)));
        assertEquals("scheduling started", scheduling.getMessage());
    }

    /** A task that does nothing but has a name. */
    private record NamedTask(String name) implements ScheduledTask {
        @Override
        public void run(KeycloakSession session) {}

        @Override
        public String getTaskName() {
            return name;
        }
    }

    /** Node start offsets (ms) and how many nodes; the run count per window must be exactly one. */
    @Test
    void nodesTickingOnTheirOwnClocksRunEachWindowOnce() {
        long[][] clusters = {
            {0}, // one node
            {0, 0}, // two nodes started at the same instant
            {0, 7_300}, // two nodes, offset
            {3_000, 31_000, 59_999}, // three nodes
            {0, 14_999, 15_000, 15_001}, // four nodes around a tick boundary
        };
        long tick = INTERVAL.toMillis() / OncePerCluster.TICKS_PER_INTERVAL;
        for (long[] offsets : clusters) {
            MemoryStore store = new MemoryStore();
            Map<Long, Integer> runsPerWindow = new TreeMap<>();
            List<Long> ticks = new ArrayList<>();
            for (long offset : offsets) {
                for (long t = offset + tick; t < 10 * INTERVAL.toMillis(); t += tick) {
                    ticks.add(t);
                }
            }
            ticks.sort(null);
            for (long t : ticks) {
                long window = OncePerCluster.window(t, INTERVAL);
                if (OncePerCluster.claim(store, "sspr-test", window, INTERVAL)) {
                    runsPerWindow.merge(window, 1, Integer::sum);
                }
            }
            // Windows 0..9, each run once (window 0 too: every node ticks within a quarter interval of its start).
            Map<Long, Integer> once = new TreeMap<>();
            long first = OncePerCluster.window(ticks.get(0), INTERVAL);
            for (long w = first; w < 10; w++) {
                once.put(w, 1);
            }
            assertEquals(once, runsPerWindow, "offsets " + Arrays.toString(offsets));
        }
    }

    @Test
    void windowsAreTheSameOnEveryNodeAndKeptTwoIntervals() {
        assertEquals(0, OncePerCluster.window(59_999, INTERVAL));
        assertEquals(1, OncePerCluster.window(60_000, INTERVAL));
        MemoryStore store = new MemoryStore();
        OncePerCluster.claim(store, "sspr-test", 7, INTERVAL);
        assertEquals(Map.of("sspr:task:sspr-test:7", 120L), store.lifespans);
        OncePerCluster.claim(store, "sspr-other", 7, Duration.ofMillis(200));
        assertEquals(1L, store.lifespans.get("sspr:task:sspr-other:7"), "at least one second");
    }

    @Test
    void theSystemPropertyReplacesTheIntervalAndRefusesNonsense() {
        assertEquals(INTERVAL, OncePerCluster.interval(INTERVAL));
        System.setProperty(OncePerCluster.INTERVAL_PROPERTY, " 3 ");
        assertEquals(Duration.ofSeconds(3), OncePerCluster.interval(INTERVAL));
        for (String bad : List.of("0", "-2", "2s", "x")) {
            System.setProperty(OncePerCluster.INTERVAL_PROPERTY, bad);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> OncePerCluster.interval(INTERVAL), bad);
            assertTrue(e.getMessage().contains(OncePerCluster.INTERVAL_PROPERTY), e.getMessage());
        }
    }

    /** The single-use-object store's {@code putIfAbsent}, in memory. */
    private static final class MemoryStore implements SingleUseObjectProvider {
        final Map<String, Long> lifespans = new HashMap<>();

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return lifespans.putIfAbsent(key, lifespanInSeconds) == null;
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> get(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> remove(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean contains(String key) {
            return lifespans.containsKey(key);
        }

        @Override
        public void close() {}
    }
}
