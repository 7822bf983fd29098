package io.github.sspr.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} events per fixed {@code window}; going over blocks the subject for {@code blockFor} (zero: just
 * refuse until the window ends).
 *
 * @param id names the rule in keys and configuration, e.g. {@code gate-failures}
 */
public record ThrottleRule(String id, int limit, Duration window, Duration blockFor) {

    /** Bounds that keep a rule meaningful: the cost of a count grows with log(limit), and a block beyond a week is an
     * account lock-out, which is the admin's decision, not a throttle's. */
    public static final int MAX_LIMIT = 10_000;

    public static final Duration MAX_WINDOW = Duration.ofDays(1);
    public static final Duration MAX_BLOCK = Duration.ofDays(7);

    /** A counter at this share of its limit or more is listed as a near-block (docs/throttles.md). */
    public static final int NEAR_PERCENT = 80;

    public ThrottleRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(blockFor, "blockFor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(id + ": limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException(id + ": window must be 1 minute to 1 day, was " + window);
        }
        if (blockFor.isNegative() || blockFor.compareTo(MAX_BLOCK) > 0) {
            throw new IllegalArgumentException(id + ": block must be 0 to 7 days, was " + blockFor);
        }
    }

    /** The count from which this rule's counter is a near-block: 80 % of the limit, rounded up (4 of 5, 1 of 1). */
    public int nearAt() {
        return share(limit, NEAR_PERCENT);
    }

    /** The smallest whole count that is at least {@code percent} % of {@code limit}. */
    public static int share(int limit, int percent) {
        return (int) (((long) limit * percent + 99) / 100);
    }
}
