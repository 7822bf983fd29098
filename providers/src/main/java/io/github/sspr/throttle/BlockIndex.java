package io.github.sspr.throttle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Which blocks were set, so that an admin can list and lift them (docs/architecture.md, "Where state lives"). The
 * single-use-object store cannot be enumerated, so every block also claims an entry in a per-realm, per-day row of
 * slots ({@link SlotCounter}: atomic across the cluster, no lost entries), {@code sspr:<realm id>:blockidx:d<day>:<n>},
 * with its description under {@code …:<n>:v}. Every entry of a day expires at the same moment, eight days after the
 * day ends (longer than the longest block, {@link ThrottleRule#MAX_BLOCK}), so a row never has holes.
 *
 * <p>An entry only says that a block was set; whether it still holds is the block's own key ({@link Counters}), read
 * when listing. So a lifted, expired or replaced block needs no update of its entry.
 */
public final class BlockIndex {

    /** Entries kept per realm and day; beyond that a block still holds but is not listed (docs/throttles.md). */
    public static final int MAX_PER_DAY = 2000;

    static final long DAY_MILLIS = 86_400_000L;
    private static final int DAYS_KEPT = (int) ThrottleRule.MAX_BLOCK.toDays() + 1;
    private static final String SEPARATOR = "\t";
    private static final String BLOCKS = "blockidx";
    private static final String NEAR = "nearidx";

    /**
     * One block as it was set.
     *
     * @param subject the blocked subject, e.g. {@code gate:u:<user id>:sms}
     * @param counter the counter whose limit was reached (cleared with the block when it is lifted)
     * @param rule the rule's id, e.g. {@code gate-failures}
     * @param userId the account it was set for (for a number block: the account whose send reached the cap), or the
     *     decoy pseudonym of a name that has no account
     * @param target the method id, or a masked phone number
     * @param count the rule's limit when it was set
     * @param since epoch milliseconds
     */
    public record Entry(
            String subject, String counter, String rule, String userId, String target, int count, long since) {

        String encode() {
            return String.join(
                    SEPARATOR, subject, counter, rule, userId, target, Integer.toString(count), Long.toString(since));
        }

        static Entry decode(String value) {
            String[] f = value.split(SEPARATOR, -1);
            if (f.length != 7) {
                return null;
            }
            try {
                return new Entry(f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5]), Long.parseLong(f[6]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final CounterStore store;
    private final SlotCounter slots;
    private final String realmId;
    private final LongSupplier clock;

    public BlockIndex(CounterStore store, String realmId, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.slots = new SlotCounter(store);
        this.realmId = Objects.requireNonNull(realmId, "realmId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records that a block was set now (the fields as in {@link Entry}). */
    public void add(String subject, String counter, String rule, String userId, String target, int count) {
        add(BLOCKS, subject, counter, rule, userId, target, count);
    }

    /**
     * Records that a counter reached {@link ThrottleRule#nearAt()} now, for the admin's near-blocks (its row of slots
     * apart from the blocks'; whether it is still near is its count, read when listing).
     */
    public void addNear(String subject, String counter, String rule, String userId, String target, int count) {
        add(NEAR, subject, counter, rule, userId, target, count);
    }

    private void add(
            String kind, String subject, String counter, String rule, String userId, String target, int count) {
        long now = clock.getAsLong();
        Entry entry = new Entry(subject, counter, rule, userId, target, count, now);
        long day = Math.floorDiv(now, DAY_MILLIS);
        long ttl = ((day + 1 + DAYS_KEPT) * DAY_MILLIS - now + 999) / 1000;
        String base = base(kind, day);
        int slot = slots.claim(base, MAX_PER_DAY, ttl);
        if (slot <= MAX_PER_DAY) {
            store.put(base + slot + ":v", ttl, entry.encode());
        }
    }

    /**
     * The latest entry per subject over the days a block can last, newest first. Entries whose description is not
     * (yet) visible are skipped.
     */
    public List<Entry> recent() {
        return recent(BLOCKS);
    }

    /** The near-blocks recorded, as {@link #recent()}. */
    public List<Entry> recentNear() {
        return recent(NEAR);
    }

    private List<Entry> recent(String kind) {
        long today = Math.floorDiv(clock.getAsLong(), DAY_MILLIS);
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (long day = today; day > today - DAYS_KEPT; day--) {
            String base = base(kind, day);
            for (int slot = slots.count(base, MAX_PER_DAY); slot >= 1; slot--) {
                String value = store.get(base + slot + ":v");
                Entry entry = value == null ? null : Entry.decode(value);
                if (entry != null) {
                    latest.putIfAbsent(entry.subject(), entry);
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    private String base(String kind, long day) {
        return Counters.PREFIX + realmId + ":" + kind + ":d" + day + ":";
    }
}
