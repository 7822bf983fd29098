package io.github.sspr.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The realm's optional daily message budget (docs/throttles.md, "Daily message budget"): texts and calls together per
 * UTC day. The send that reaches 80 % and the send that reaches 100 % of it each raise one alert per day, however many
 * sends race on however many nodes ({@link Counters#firstInWindow}); a send over it is refused until the day ends, as a
 * daily cap refuses. A budget of 0 is off: nothing is counted.
 */
public final class MessageBudget {

    /** The rule id a refusal and an alert carry ({@link Decision#rule()}, events, metrics). */
    public static final String RULE = "message-budget";

    /** The alert thresholds, in percent of the budget. */
    public static final List<Integer> THRESHOLDS = List.of(80, 100);

    private static final Duration DAY = Duration.ofDays(1);

    private final Counters counters;
    private final int limit;

    /**
     * One send counted against the budget.
     *
     * @param allowed whether the send is within the budget
     * @param crossed the thresholds this send reached first (in this cluster, today); each is alerted once
     */
    public record Spent(boolean allowed, List<Integer> crossed) {}

    /** @param limit texts and calls per day; 0 = no budget */
    public MessageBudget(Counters counters, int limit) {
        this.counters = Objects.requireNonNull(counters, "counters");
        if (limit < 0) {
            throw new IllegalArgumentException("budget must be 0 or more, was " + limit);
        }
        this.limit = limit;
    }

    /** The budget per day; 0 = none. */
    public int limit() {
        return limit;
    }

    /** The budget as a cap without a block, for refusals (only when the budget is on). */
    public ThrottleRule rule() {
        return new ThrottleRule(RULE, limit, DAY, Duration.ZERO);
    }

    /** Counts one text or call: refused over the budget; the thresholds it reached first are to be alerted. */
    public Spent take() {
        if (limit == 0) {
            return new Spent(true, List.of());
        }
        int count = counters.increment(RULE, DAY, limit);
        if (count > limit) {
            return new Spent(false, List.of());
        }
        List<Integer> crossed = new ArrayList<>();
        for (int percent : reached(count, limit)) {
            if (counters.firstInWindow(RULE + ":alert" + percent, DAY)) {
                crossed.add(percent);
            }
        }
        return new Spent(true, List.copyOf(crossed));
    }

    /** Gives back one text or call that the provider did not take. */
    public void giveBack() {
        if (limit > 0) {
            counters.giveBack(RULE, DAY, limit);
        }
    }

    /** Whether today's budget is used up (to grey the phone methods out before the click). */
    public boolean full() {
        return limit > 0 && counters.read(RULE, DAY, limit) >= limit;
    }

    /** Seconds until the budget's day (UTC) ends. */
    public long secondsLeft() {
        return counters.secondsLeftInWindow(DAY);
    }

    /** The thresholds that {@code count} sends of a budget of {@code limit} have reached (80 %: 8 of 10, 1 of 1). */
    static List<Integer> reached(int count, int limit) {
        List<Integer> reached = new ArrayList<>();
        for (int percent : THRESHOLDS) {
            if (count >= ThrottleRule.share(limit, percent)) {
                reached.add(percent);
            }
        }
        return reached;
    }
}
