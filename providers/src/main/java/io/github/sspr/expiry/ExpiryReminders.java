package io.github.sspr.expiry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a password expires and which reminder is due (docs/insight.md, "Password-expiry reminders"). Pure: the expiry comes from Keycloak's {@code forceExpiredPasswordChange} policy for local users,
 * from AD's {@code msDS-UserPasswordExpiryTimeComputed} or from OpenLDAP's {@code pwdChangedTime} plus ppolicy's
 * {@code pwdMaxAge}; each threshold is reminded once per password, and only the most urgent one due.
 */
public final class ExpiryReminders {

    static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    /** AD's "never expires" values of msDS-UserPasswordExpiryTimeComputed. */
    private static final long AD_NEVER = Long.MAX_VALUE;

    /** 100-nanosecond intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    /** LDAP GeneralizedTime as OpenLDAP writes pwdChangedTime: {@code 20261207010203Z}, optional fraction. */
    private static final DateTimeFormatter GENERALIZED = new DateTimeFormatterBuilder()
            .appendPattern("yyyyMMddHHmmss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private ExpiryReminders() {}

    /**
     * Reminder thresholds from a setting such as {@code "14, 7, 1"}: days before expiry, each 1–365, largest first,
     * no duplicates; empty text means no reminders.
     *
     * @throws IllegalArgumentException naming the first value that is not a whole number of days in range
     */
    public static List<Integer> thresholds(String text) {
        TreeSet<Integer> days = new TreeSet<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split("[,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                int value;
                try {
                    value = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + part + "' is not a number of days");
                }
                if (value < 1 || value > 365) {
                    throw new IllegalArgumentException("'" + part + "' must be 1 to 365 days");
                }
                days.add(value);
            }
        }
        return new ArrayList<>(days.descendingSet());
    }

    /** Keycloak's {@code forceExpiredPasswordChange(days)}: the password set at {@code setAt} expires days later. */
    public static long expiresAt(long setAt, int maxAgeDays) {
        return setAt + maxAgeDays * DAY_MILLIS;
    }

    /** AD's msDS-UserPasswordExpiryTimeComputed (FILETIME), or empty when the password never expires. */
    public static Optional<Long> fromFileTime(long fileTime) {
        if (fileTime <= 0 || fileTime == AD_NEVER) {
            return Optional.empty();
        }
        return Optional.of((fileTime - FILETIME_EPOCH_OFFSET) / 10_000);
    }

    /**
     * OpenLDAP: {@code pwdChangedTime} plus the ppolicy's {@code pwdMaxAge} (seconds; 0 means never), or empty when
     * the password never expires or the time cannot be read.
     */
    public static Optional<Long> fromPwdChangedTime(String pwdChangedTime, long maxAgeSeconds) {
        if (maxAgeSeconds <= 0) {
            return Optional.empty();
        }
        return generalizedTime(pwdChangedTime).map(changed -> changed + maxAgeSeconds * 1000);
    }

    /** An LDAP GeneralizedTime in UTC ({@code 20261207010203Z}) as epoch milliseconds, or empty when unreadable. */
    public static Optional<Long> generalizedTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(GENERALIZED.parse(text.trim())).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whole days left until {@code expiresAt} at {@code now}, rounded up (expiring in 1 h is "1 day left"). */
    public static long daysLeft(long expiresAt, long now) {
        long left = expiresAt - now;
        return left <= 0 ? 0 : (left + DAY_MILLIS - 1) / DAY_MILLIS;
    }

    /**
     * The reminder due now: the smallest threshold that the days left have reached, unless it was already sent for
     * this password. Larger thresholds reached at the same time are skipped (a user back from a long leave gets one
     * mail, not three). An expired password gets none: Keycloak asks for a new one at the next sign-in.
     *
     * @param thresholds from {@link #thresholds}
     * @param sent the thresholds already reminded for the current password
     */
    public static OptionalInt due(List<Integer> thresholds, long expiresAt, long now, Set<Integer> sent) {
        long left = daysLeft(expiresAt, now);
        if (left == 0) {
            return OptionalInt.empty();
        }
        OptionalInt reached = thresholds.stream()
                .mapToInt(Integer::intValue)
                .filter(t -> left <= t)
                .min();
        if (reached.isEmpty() || sent.contains(reached.getAsInt())) {
            return OptionalInt.empty();
        }
        return reached;
    }
}
