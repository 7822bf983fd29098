package io.github.sspr.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CountersTest {

    private static final Duration HOUR = Duration.ofHours(1);
    /** On a window boundary, so that tests know how long the window has left. */
    private static final long START = 1_700_000_000_000L / HOUR.toMillis() * HOUR.toMillis();

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore memory = new InMemoryCounterStore(clock);
    private final RecordingStore store = new RecordingStore(memory);
    private final Counters counters = new Counters(store, "realm-1", clock);

    @Test
    void incrementsCountUpAndReadsSeeTheCount() {
        assertEquals(0, counters.read("c", HOUR, 5));
        assertEquals(1, counters.increment("c", HOUR, 5));
        assertEquals(2, counters.increment("c", HOUR, 5));
        assertEquals(3, counters.increment("c", HOUR, 5));
        assertEquals(3, counters.read("c", HOUR, 5));
    }

    @Test
    void countingStopsOneAboveTheLimit() {
        for (int i = 0; i < 10; i++) {
            counters.increment("c", HOUR, 3);
        }

        assertEquals(4, counters.read("c", HOUR, 3));
        assertEquals(4, memory.keys().size(), "no slot beyond limit + 1 is written");
    }

    @Test
    void aNewWindowStartsAtZero() {
        counters.increment("c", HOUR, 5);
        counters.increment("c", HOUR, 5);

        clock.advance(HOUR);

        assertEquals(0, counters.read("c", HOUR, 5));
        assertEquals(1, counters.increment("c", HOUR, 5));
    }

    @Test
    void countersAreSeparatePerNameAndRealm() {
        Counters otherRealm = new Counters(store, "realm-2", clock);
        counters.increment("a", HOUR, 5);
        counters.increment("a", HOUR, 5);

        assertEquals(0, counters.read("b", HOUR, 5));
        assertEquals(0, otherRealm.read("a", HOUR, 5));
        assertTrue(
                memory.keys().stream().allMatch(k -> k.startsWith("sspr:realm-1:a:w")),
                memory.keys().toString());
    }

    @Test
    void slotsExpireWhenTheirWindowEnds() {
        clock.advance(Duration.ofMinutes(59));
        counters.increment("c", HOUR, 5);

        String put = store.calls.stream()
                .filter(c -> c.startsWith("addIfAbsent"))
                .findFirst()
                .orElseThrow();
        assertTrue(put.endsWith(":1"), put);
        clock.advance(Duration.ofSeconds(61));
        assertTrue(memory.keys().isEmpty(), "slot kept past its window: " + memory.keys());
    }

    @Test
    void aLostRaceCountsInTheNextSlot() {
        counters.increment("c", HOUR, 5);
        String slot2 = "sspr:realm-1:c:w" + (START / HOUR.toMillis()) + ":2";
        store.stolenByRival.add(slot2);

        assertEquals(3, counters.increment("c", HOUR, 5), "the rival holds 2, we get 3");
        assertEquals(3, counters.read("c", HOUR, 5));
    }

    @Test
    void concurrentIncrementsAreExact() throws Exception {
        Counters shared = new Counters(memory, "realm-1", clock);
        int threads = 16;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Integer> seen = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        seen.add(shared.increment("c", HOUR, 1000));
                    }
                    return seen;
                }));
            }
            start.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> future : futures) {
                all.addAll(future.get());
            }

            Set<Integer> expected =
                    IntStream.rangeClosed(1, threads * perThread).boxed().collect(Collectors.toSet());
            assertEquals(threads * perThread, all.size());
            assertEquals(expected, new HashSet<>(all), "every increment got its own number, none lost");
            assertEquals(threads * perThread, shared.read("c", HOUR, 1000));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIncrementCostsAboutLogLimitReads() {
        for (int i = 0; i < 150; i++) {
            counters.increment("c", HOUR, 200);
        }
        store.calls.clear();

        counters.increment("c", HOUR, 200);

        // About log2(200) reads for the slots and log2(max(MAX_REFUNDS, 200)) for the refunds.
        assertTrue(store.count("contains") <= 9 + 8, "contains calls: " + store.count("contains"));
        assertEquals(1, store.count("addIfAbsent"));
    }

    @Test
    void clearRemovesFromTheTopDown() {
        for (int i = 0; i < 3; i++) {
            counters.increment("c", HOUR, 5);
        }
        store.calls.clear();

        counters.clear("c", HOUR, 5);

        List<String> removed = store.calls.stream()
                .filter(c -> c.startsWith("remove "))
                .map(c -> c.substring(c.length() - 1))
                .toList();
        assertEquals(List.of("3", "2", "1"), removed);
        assertEquals(0, counters.read("c", HOUR, 5));
    }

    @Test
    void blocksLastTheirDurationRoundedUpToSeconds() {
        counters.block("s", Duration.ofHours(24));

        assertEquals(86_400, counters.blockedSeconds("s"));
        clock.advance(Duration.ofMillis(1500));
        assertEquals(86_399, counters.blockedSeconds("s"));
        clock.advance(Duration.ofHours(24));
        assertEquals(0, counters.blockedSeconds("s"));
    }

    @Test
    void aBlockEndsByItsStoredEndTimeEvenIfTheStoreKeepsTheEntry() {
        // Keycloak's time offset moves our clock but not the cache's expiry: the end time decides.
        CounterStore neverExpires = new InMemoryCounterStore(() -> START);
        Counters offsetCounters = new Counters(neverExpires, "realm-1", clock);
        offsetCounters.block("s", Duration.ofHours(24));

        clock.advance(Duration.ofHours(25));

        assertEquals(0, offsetCounters.blockedSeconds("s"));
    }

    @Test
    void aLongerBlockIsNotShortened() {
        counters.block("s", Duration.ofHours(24));
        counters.block("s", Duration.ofHours(1));

        assertEquals(86_400, counters.blockedSeconds("s"));
    }

    @Test
    void zeroBlocksNothingAndUnblockLifts() {
        counters.block("zero", Duration.ZERO);
        assertEquals(0, counters.blockedSeconds("zero"));

        counters.block("s", Duration.ofMinutes(5));
        counters.unblock("s");
        assertEquals(0, counters.blockedSeconds("s"));
    }

    @Test
    void secondsLeftInWindowCountsDownToTheBoundary() {
        assertEquals(3600, counters.secondsLeftInWindow(HOUR));
        clock.advance(Duration.ofMinutes(59).plusMillis(500));
        assertEquals(60, counters.secondsLeftInWindow(HOUR));
    }
}
