package io.github.sspr.throttle;

import java.util.Objects;

/**
 * An exact, cluster-wide counter made only of {@link CounterStore#addIfAbsent}: the one primitive of Keycloak's
 * single-use-object store that is atomic across nodes ({@code putIfAbsent} on the replicated cache; its
 * {@code replace} is not a compare-and-set, so a read-modify-write of one value would lose updates under a race).
 *
 * <p>A counter is a row of slot keys {@code <base>1}, {@code <base>2}, …, and counting one event <em>claims</em> the
 * lowest free slot. Of racing requests exactly one wins each slot and the losers move on to the next, so the claimed
 * slot number is an exact count: no two events get the same number and none is lost. Slots are only claimed in
 * order, so the claimed slots are always 1…n and the lowest free one is found by binary search with
 * {@code contains}: a count costs about log2(max) reads and one write. See docs/cluster.md for how the caps use it.
 *
 * <p>Every cap counts <em>before</em> it compares: a request first claims its slot and compares only when the slot
 * number is within the cap, so however many requests race on however many nodes, at most {@code cap} of them ever
 * compare.
 */
public final class SlotCounter {

    private final CounterStore store;

    public SlotCounter(CounterStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Counts one event under {@code base}.
     *
     * @param max counting stops here: when slots 1…max are all taken the event is not stored
     * @param ttlSeconds how long the slot lives in the store
     * @return this event's number, 1…max, or {@code max + 1} when all slots were taken
     */
    public int claim(String base, int max, long ttlSeconds) {
        int slot = firstFree(base, max);
        // A lost race means another request took the slot: its event is counted there, ours in the next one.
        while (slot <= max) {
            if (store.addIfAbsent(base + slot, Math.max(1, ttlSeconds))) {
                return slot;
            }
            slot++;
        }
        return max + 1;
    }

    /** Events counted under {@code base}, at most {@code max}. */
    public int count(String base, int max) {
        return firstFree(base, max) - 1;
    }

    /**
     * Forgets the events counted under {@code base}, from the top down, so that a count read during the clear is
     * never mistaken for a higher one. An event counted while the clear runs may survive it (errs on the strict side).
     */
    public void clear(String base, int max) {
        for (int slot = firstFree(base, max) - 1; slot >= 1; slot--) {
            store.remove(base + slot);
        }
    }

    /** The lowest slot in 1..max that is free, or {@code max + 1} when all are taken; binary search over 1..n. */
    private int firstFree(String base, int max) {
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
}
