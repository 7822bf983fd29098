package io.github.sspr.expiry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one run of the password-expiry reminders does for one user (docs/insight.md, "Password-expiry reminders"):
 * which threshold is due ({@link ExpiryReminders#due}), over which channels, how long its marker is kept, and which
 * window of the dashboard's outlook the password falls in. Pure: the task ({@code expiry.remind}) feeds it what it read
 * from Keycloak or the directory.
 */
public final class ReminderRule {

    /** The dashboard's windows: passwords that expire within this many days. */
    public static final List<Integer> WINDOWS = List.of(7, 30);

    private ReminderRule() {}

    /**
     * What the user can be reached by.
     *
     * @param email a verified account email
     * @param sms a registered recovery phone, and the user's policy allows SMS to its country
     */
    public record Reach(boolean email, boolean sms) {}

    /**
     * A reminder to send (or, with neither channel, to record as not deliverable).
     *
     * @param threshold the threshold reached, in days
     * @param daysLeft whole days until expiry, rounded up
     * @param email send it by email
     * @param sms send it by SMS
     */
    public record Reminder(int threshold, long daysLeft, boolean email, boolean sms) {

        /** Whether it can go anywhere at all. */
        public boolean deliverable() {
            return email || sms;
        }
    }

    /**
     * The reminder due now for a password expiring at {@code expiresAt}, or empty.
     *
     * @param thresholds from {@link ExpiryReminders#thresholds}; empty = reminders are off
     * @param sent the thresholds already reminded for this password (its markers)
     */
    public static Optional<Reminder> decide(
            List<Integer> thresholds, long expiresAt, long now, Set<Integer> sent, Reach reach) {
        if (thresholds.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt due = ExpiryReminders.due(thresholds, expiresAt, now, sent);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Reminder(due.getAsInt(), ExpiryReminders.daysLeft(expiresAt, now), reach.email(), reach.sms()));
    }

    /**
     * The marker of one threshold reminded for one password: the password's creation (or change) time is part of it,
     * so a new password starts over with every threshold.
     */
    public static String marker(String realmId, String userId, long passwordSetAt, int threshold) {
        return "sspr:expiry:" + realmId + ":" + userId + ":" + passwordSetAt + ":" + threshold;
    }

    /** How long a marker is kept: until a day after the password expires, at least a day. */
    public static long markerSeconds(long expiresAt, long now) {
        long millis = Math.max(0, expiresAt - now) + ExpiryReminders.DAY_MILLIS;
        return millis / 1000;
    }

    /**
     * The smallest dashboard window ({@link #WINDOWS}) the password expires within, or empty when it expires later or
     * has expired already.
     */
    public static OptionalInt window(long expiresAt, long now) {
        if (expiresAt <= now) {
            return OptionalInt.empty();
        }
        long left = ExpiryReminders.daysLeft(expiresAt, now);
        return WINDOWS.stream()
                .mapToInt(Integer::intValue)
                .filter(w -> left <= w)
                .min();
    }
}
