package io.github.sspr.wording;

import java.time.Duration;

/**
 * A length of time as a person says it: "30 seconds", "15 minutes", "24 hours", "7 days" — never "1,440 minutes".
 *
 * <p>The one rule for every duration SSPR shows or sends (code lifetimes, link lifetimes, "try again in", "wait"). It
 * picks the unit and the amount; the words, with the language's plural forms, are the message bundles' {@code
 * sspr.duration.<unit>} patterns ({@code ChoiceFormat}), so the rule itself knows no language. A duration that does
 * not fit a unit exactly is rounded up: "try again in" must never promise less than the wait. See docs/messages.md.
 */
public final class Durations {

    /** Message key prefix of the units: {@code sspr.duration.seconds}, {@code .minutes}, {@code .hours}, {@code .days}. */
    public static final String KEY_PREFIX = "sspr.duration.";

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private Durations() {}

    /**
     * A duration as a message key and the whole number it formats.
     *
     * @param key one of the {@code sspr.duration.*} keys
     * @param amount at least 1
     */
    public record Phrase(String key, long amount) {}

    /**
     * The unit a person would use and the amount in it, rounded up: under a minute in seconds; under two hours in
     * minutes unless a whole hour; under two days in hours; beyond in days.
     */
    public static Phrase of(Duration duration) {
        long seconds = Math.max(1, ceilSeconds(duration));
        if (seconds < MINUTE) {
            return new Phrase(KEY_PREFIX + "seconds", seconds);
        }
        long minutes = ceil(seconds, MINUTE);
        if (minutes < 60 || (minutes < 120 && minutes % 60 != 0)) {
            return new Phrase(KEY_PREFIX + "minutes", minutes);
        }
        long hours = ceil(seconds, HOUR);
        if (hours < 48) {
            return new Phrase(KEY_PREFIX + "hours", hours);
        }
        return new Phrase(KEY_PREFIX + "days", ceil(seconds, DAY));
    }

    public static Phrase ofSeconds(long seconds) {
        return of(Duration.ofSeconds(seconds));
    }

    public static Phrase ofMinutes(long minutes) {
        return of(Duration.ofMinutes(minutes));
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static long ceil(long value, long unit) {
        return (value + unit - 1) / unit;
    }
}
