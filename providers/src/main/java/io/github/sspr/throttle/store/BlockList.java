package io.github.sspr.throttle.store;

import io.github.sspr.throttle.BlockIndex;
import io.github.sspr.throttle.Counters;
import io.github.sspr.throttle.ThrottleRule;
import io.github.sspr.throttle.ThrottleRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blocks a {@link Throttle} has set, as an admin lists and lifts them (docs/throttles.md, "Seeing and lifting
 * blocks"): the entries of the {@link BlockIndex} whose block still holds.
 */
public final class BlockList {

    private final Counters counters;
    private final ThrottleRules rules;
    private final BlockIndex index;
    private final List<String> markerPrefixes;

    /** @param markerPrefixes the prefixes of a counter's once-per-window markers, forgotten when it is lifted */
    BlockList(Counters counters, ThrottleRules rules, BlockIndex index, List<String> markerPrefixes) {
        this.counters = counters;
        this.rules = rules;
        this.index = index;
        this.markerPrefixes = markerPrefixes;
    }

    /** A block that still holds, as recorded when it was set, with the seconds it has left. */
    public record ActiveBlock(BlockIndex.Entry entry, long secondsLeft) {}

    /**
     * A counter at 80 % of its limit or more whose block (if its rule blocks) is not set: {@code count} now, and the
     * seconds until its window ends and the count starts afresh.
     */
    public record NearBlock(BlockIndex.Entry entry, int count, long secondsLeft) {}

    /** The near-blocks now, newest first (docs/throttles.md); empty when this throttle has no index. */
    public List<NearBlock> near() {
        if (index == null) {
            return List.of();
        }
        List<NearBlock> near = new ArrayList<>();
        for (BlockIndex.Entry entry : index.recentNear()) {
            ThrottleRule rule = ruleById(entry.rule());
            if (rule == null || counters.blockedSeconds(entry.subject()) > 0) {
                continue;
            }
            int count = counters.read(entry.counter(), rule.window(), rule.limit());
            if (count >= rule.nearAt()) {
                near.add(new NearBlock(
                        entry, Math.min(count, rule.limit()), counters.secondsLeftInWindow(rule.window())));
            }
        }
        return near;
    }

    /** The blocks that hold now, newest first (docs/throttles.md); empty when this throttle has no index. */
    public List<ActiveBlock> active() {
        if (index == null) {
            return List.of();
        }
        List<ActiveBlock> active = new ArrayList<>();
        for (BlockIndex.Entry entry : index.recent()) {
            long left = counters.blockedSeconds(entry.subject());
            if (left > 0) {
                active.add(new ActiveBlock(entry, left));
            }
        }
        return active;
    }

    /**
     * Lifts one listed block: its block key and the counter that set it, nothing else (another user's or another
     * gate's counters stay). Empty when {@code subject} is not a block that holds now.
     */
    public Optional<BlockIndex.Entry> lift(String subject) {
        for (ActiveBlock block : active()) {
            BlockIndex.Entry entry = block.entry();
            if (entry.subject().equals(subject)) {
                ThrottleRule rule = ruleById(entry.rule());
                counters.unblock(subject);
                if (rule != null) {
                    counters.clear(entry.counter(), rule.window(), rule.limit());
                    // The next block of this counter is a new hit, told again; its next near-block is listed again.
                    markerPrefixes.forEach(prefix -> counters.forgetFirst(prefix + entry.counter(), rule.window()));
                }
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private ThrottleRule ruleById(String id) {
        for (ThrottleRule rule : List.of(
                rules.gateFailures(), rules.emailSends(), rules.phoneNumberSends(), rules.phoneCountrySends())) {
            if (rule.id().equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
