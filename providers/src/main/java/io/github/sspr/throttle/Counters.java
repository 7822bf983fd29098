package io.github.sspr.throttle;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Fixed-window counters and timed blocks on a {@link CounterStore}, under keys {@code sspr:<realm id>:…}.
 *
 * <h2>How a counter counts, and how exact it is</h2>
 *
 * Each window of a counter is a {@link SlotCounter}: an increment claims the next slot with the store's atomic
 * {@code putIfAbsent}, so the count is exact across the cluster however requests race. Callers count <em>before</em>
 * they compare ({@code throttle.store.Throttle#attemptGate}), and take the count back with {@link #refund} when the attempt turned
 * out right or was never compared. A refund is itself a claimed slot in a second row ({@code …:r1}, {@code …:r2}),
 * never a removed slot (a hole would break the binary search), and a counter's value is slots minus refunds. A refund
 * racing a new attempt can only make that attempt count higher, never lower; at most {@code max(}{@value #MAX_REFUNDS}{@code ,
 * limit)} refunds per window are kept (beyond that a right answer or a failed send still counts, which errs on the
 * strict side; a counter with a large limit, such as a country's 200 texts an hour, needs as many give-backs as its
 * limit to ride out a provider outage).
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
 * request: other nodes see a block once the request that set it has finished (the counts, not the blocks, are what
 * hold a cap during a race).
 */
public final class Counters {

    static final String PREFIX = "sspr:";

    /** Refunds kept per window at least; a counter with a larger limit keeps as many as its limit (class comment). */
    static final int MAX_REFUNDS = 64;

    private static final String REFUNDS = "r";
    private static final String ONCE = "once";

    private final SlotCounter slots;
    private final CounterStore store;
    private final String realmId;
    private final LongSupplier clock;

    /**
     * @param realmId the realm whose users and destinations are counted (keys never mix realms)
     * @param clock epoch milliseconds
     */
    public Counters(CounterStore store, String realmId, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.slots = new SlotCounter(store);
        this.realmId = Objects.requireNonNull(realmId, "realmId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Counts one event in the current window of {@code counter}, atomically across the cluster.
     *
     * @param counter names the counter (rule and subject), e.g. {@code gate-failures:u:<user id>:email}
     * @param limit the rule's limit; counting stops at {@code limit + 1}
     * @return the events counted in this window including this one (less refunds), at most {@code limit + 1}
     */
    public int increment(String counter, Duration window, int limit) {
        long now = clock.getAsLong();
        String base = windowKey(counter, window, now);
        // Refunds read before the claim: one that lands in between makes this count higher, never lower.
        int refunds = slots.count(base + REFUNDS, maxRefunds(limit));
        int slot = slots.claim(base, limit + 1 + refunds, secondsToWindowEnd(window, now));
        return Math.min(limit + 1, slot - refunds);
    }

    /**
     * Takes back one event counted by {@link #increment} in the current window of {@code counter}, keeping at most
     * {@value #MAX_REFUNDS} refunds per window; {@link #refund(String, Duration, int)} keeps as many as the limit.
     */
    public void refund(String counter, Duration window) {
        refund(counter, window, MAX_REFUNDS);
    }

    /** Takes back one event counted by {@link #increment} with this {@code limit} in the current window. */
    public void refund(String counter, Duration window, int limit) {
        long now = clock.getAsLong();
        String base = windowKey(counter, window, now);
        slots.claim(base + REFUNDS, maxRefunds(limit), secondsToWindowEnd(window, now));
    }

    /** Events counted in the current window of {@code counter} (less refunds), at most {@code limit + 1}. */
    public int read(String counter, Duration window, int limit) {
        String base = windowKey(counter, window, clock.getAsLong());
        int refunds = slots.count(base + REFUNDS, maxRefunds(limit));
        return Math.max(0, Math.min(limit + 1, slots.count(base, limit + 1 + refunds) - refunds));
    }

    /**
     * Takes back one event counted in the current window of {@code counter} (a send the provider did not take), as a
     * {@link #refund}: never a hole in the slots. Nothing counted, nothing taken back (a give-back never makes room
     * beyond the limit).
     */
    public void giveBack(String counter, Duration window, int limit) {
        if (read(counter, window, limit) > 0) {
            refund(counter, window, limit);
        }
    }

    /** Forgets the current window of {@code counter}. */
    public void clear(String counter, Duration window, int limit) {
        String base = windowKey(counter, window, clock.getAsLong());
        // Refunds first: a count read in between is then too high, never too low.
        slots.clear(base + REFUNDS, maxRefunds(limit));
        slots.clear(base, limit + 1 + maxRefunds(limit));
    }

    /**
     * Whether this is the first call for {@code marker} in the current window of {@code window}'s length, decided
     * atomically across the cluster (the store's {@code putIfAbsent}): of any number of racing calls on any nodes,
     * exactly one gets {@code true}. For "once per hit" events and alerts.
     */
    public boolean firstInWindow(String marker, Duration window) {
        long now = clock.getAsLong();
        return store.addIfAbsent(windowKey(marker, window, now) + ONCE, secondsToWindowEnd(window, now));
    }

    /** Makes the next {@link #firstInWindow} for {@code marker} in this window answer {@code true} again. */
    public void forgetFirst(String marker, Duration window) {
        store.remove(windowKey(marker, window, clock.getAsLong()) + ONCE);
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

    private static int maxRefunds(int limit) {
        return Math.max(MAX_REFUNDS, limit);
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
