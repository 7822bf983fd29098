package io.github.sspr.throttle;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Fixed-window counters and timed blocks on a {@link CounterStore}, under keys {@code sspr:<realm id>:…}.
 *
 * <h2>How a counter counts, and how exact it is</h2>
 *
 * The single-use-object store offers no atomic increment, and a read-modify-write of one value ({@code get}, then
 * {@code replace}) loses updates when requests race: a parallel attacker would get more tries than the limit. So a
 * counter is a row of slot keys {@code …:<window>:1}, {@code …:2}, … and an increment <em>claims</em> the lowest free
 * slot with {@code putIfAbsent}, which the store makes atomic across the cluster. Of racing requests exactly one
 * wins each slot and the losers move to the next, so the claimed slot number is an exact count: no two increments
 * ever get the same number and none is lost. Slots are only ever claimed in order, so the claimed slots are always
 * 1…n, and the lowest free slot is found by binary search with {@code contains}; an increment costs about
 * log2(limit) reads and one write. Counting stops at {@code limit + 1} (enough to decide), which bounds the keys
 * per window.
 *
 * <p>What is not exact: windows are fixed (the window index is the clock divided by the window length), so a burst
 * straddling a boundary can reach twice the limit within one window length, and nodes whose clocks disagree near a
 * boundary may count into neighbouring windows. Both are the usual, accepted cost of fixed windows and are bounded
 * by 2 × limit. {@link #clear} removes slots from the top down, so a counter read during a clear is never
 * mistaken for a higher count; an increment racing a clear may survive it, which only errs on the strict side.
 *
 * <h2>Blocks</h2>
 *
 * A block stores its end time (on this class's clock, so Keycloak's test time offset moves it) with a store TTL of
 * its duration; the TTL only collects garbage. Blocks are written with {@code put}, which the store commits with the
 * request: other nodes see a block once the request that set it has finished.
 */
public final class Counters {

    static final String PREFIX = "sspr:";

    private final CounterStore store;
    private final String realmId;
    private final LongSupplier clock;

    /**
     * @param realmId the realm whose users and destinations are counted (keys never mix realms)
     * @param clock epoch milliseconds
     */
    public Counters(CounterStore store, String realmId, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.realmId = Objects.requireNonNull(realmId, "realmId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Counts one event in the current window of {@code counter}.
     *
     * @param counter names the counter (rule and subject), e.g. {@code gate-failures:u:<user id>:email}
     * @param limit the rule's limit; counting stops at {@code limit + 1}
     * @return the events counted in this window including this one, at most {@code limit + 1}
     */
    public int increment(String counter, Duration window, int limit) {
        long now = clock.getAsLong();
        String base = windowKey(counter, window, now);
        long ttl = secondsToWindowEnd(window, now);
        int slot = firstFreeSlot(base, limit + 1);
        // A lost race means another request took the slot: its event is counted there, ours in the next one.
        while (slot <= limit + 1) {
            if (store.addIfAbsent(base + slot, ttl)) {
                return slot;
            }
            slot++;
        }
        return limit + 1;
    }

    /** Events counted in the current window of {@code counter}, at most {@code limit + 1}. */
    public int read(String counter, Duration window, int limit) {
        long now = clock.getAsLong();
        return firstFreeSlot(windowKey(counter, window, now), limit + 1) - 1;
    }

    /**
     * Takes back one event counted in the current window of {@code counter} (a send the provider did not take): the
     * highest claimed slot is freed, so the slots stay 1…n-1. A give-back racing an increment may free a slot below
     * the racer's, leaving a hole that a later increment fills; the count errs by at most one per such race.
     */
    public void giveBack(String counter, Duration window, int limit) {
        long now = clock.getAsLong();
        String base = windowKey(counter, window, now);
        int top = firstFreeSlot(base, limit + 1) - 1;
        if (top >= 1) {
            store.remove(base + top);
        }
    }

    /** Forgets the current window of {@code counter}. */
    public void clear(String counter, Duration window, int limit) {
        long now = clock.getAsLong();
        String base = windowKey(counter, window, now);
        for (int slot = firstFreeSlot(base, limit + 1) - 1; slot >= 1; slot--) {
            store.remove(base + slot);
        }
    }

    /** Blocks {@code subject} for {@code duration}; an existing, longer block is kept. */
    public void block(String subject, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        long now = clock.getAsLong();
        long until = now + duration.toMillis();
        long current = blockedUntil(subject);
        if (current >= until) {
            return;
        }
        store.put(blockKey(subject), Math.max(1, ceilSeconds(duration.toMillis())), Long.toString(until));
    }

    /** Whole seconds (rounded up) until {@code subject}'s block ends; 0 when it is not blocked. */
    public long blockedSeconds(String subject) {
        long remaining = blockedUntil(subject) - clock.getAsLong();
        return remaining <= 0 ? 0 : ceilSeconds(remaining);
    }

    /** Whole seconds (rounded up) until the current window of {@code window}'s length ends. */
    public long secondsLeftInWindow(Duration window) {
        return secondsToWindowEnd(window, clock.getAsLong()) - 1;
    }

    /** Lifts {@code subject}'s block. */
    public void unblock(String subject) {
        store.remove(blockKey(subject));
    }

    private long blockedUntil(String subject) {
        String value = store.get(blockKey(subject));
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The lowest slot in 1..max that is free, or {@code max + 1} when all are taken; binary search over 1..n. */
    private int firstFreeSlot(String base, int max) {
        int low = 1;
        int high = max + 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (store.contains(base + mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private String windowKey(String counter, Duration window, long now) {
        long windowMillis = window.toMillis();
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        return PREFIX + realmId + ":" + counter + ":w" + Math.floorDiv(now, windowMillis) + ":";
    }

    private String blockKey(String subject) {
        return PREFIX + realmId + ":block:" + subject;
    }

    /** Slots live until their window ends, plus a second so that a slot never vanishes while its window is read. */
    private static long secondsToWindowEnd(Duration window, long now) {
        long windowMillis = window.toMillis();
        long end = (Math.floorDiv(now, windowMillis) + 1) * windowMillis;
        return ceilSeconds(end - now) + 1;
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
