package io.github.sspr.activity.store;

import java.util.List;

/**
 * What the dashboard draws. Days are UTC days as ISO dates ({@code 2026-11-25}).
 *
 * @param byDayAndResult activity counts per day and result
 * @param byDayAndMethod how often each method was used, per day (an activity with two methods counts for both)
 * @param dropOffByStep activities of an account that did not succeed, by the last step they reached (most first);
 *     decoy flows (no account) are not counted
 * @param failureReasons failure reasons, most frequent first (at most 20)
 */
public record ActivitySummary(
        List<DayCount> byDayAndResult,
        List<DayCount> byDayAndMethod,
        List<KeyCount> dropOffByStep,
        List<KeyCount> failureReasons) {

    /** A count for one day and one key (a result or a method id). */
    public record DayCount(String day, String key, long count) {}

    /** A count for one key (a step or a failure reason). */
    public record KeyCount(String key, long count) {}
}
