package io.github.sspr.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What one run of the expiry reminders does for one user. */
class ReminderRuleTest {

    private static final long DAY = ExpiryReminders.DAY_MILLIS;
    private static final long NOW = 1_790_000_000_000L;
    private static final List<Integer> T = List.of(14, 7, 1);
    private static final ReminderRule.Reach MAIL = new ReminderRule.Reach(true, false);
    private static final ReminderRule.Reach BOTH = new ReminderRule.Reach(true, true);
    private static final ReminderRule.Reach SMS = new ReminderRule.Reach(false, true);
    private static final ReminderRule.Reach NONE = new ReminderRule.Reach(false, false);

    static Stream<Arguments> decisions() {
        return Stream.of(
                // thresholds, days left, sent, reach -> expected reminder (null: none)
                Arguments.of(List.of(), 0.5, Set.of(), MAIL, null), // reminders off
                Arguments.of(T, 20.0, Set.of(), MAIL, null), // not yet
                Arguments.of(T, 14.0, Set.of(), MAIL, new ReminderRule.Reminder(14, 14, true, false)),
                Arguments.of(T, 14.0, Set.of(14), MAIL, null), // the marker of 14 holds
                Arguments.of(T, 6.2, Set.of(14), BOTH, new ReminderRule.Reminder(7, 7, true, true)),
                Arguments.of(T, 3.0, Set.of(), SMS, new ReminderRule.Reminder(7, 3, false, true)), // most urgent only
                Arguments.of(T, 0.3, Set.of(14, 7), NONE, new ReminderRule.Reminder(1, 1, false, false)),
                Arguments.of(T, 0.3, Set.of(1), MAIL, null),
                Arguments.of(T, -1.0, Set.of(), MAIL, null)); // expired: Keycloak asks at sign-in
    }

    @ParameterizedTest(name = "[{index}] {0}: {1} days left, sent {2}, {3} -> {4}")
    @MethodSource("decisions")
    void decides(
            List<Integer> thresholds,
            double daysLeft,
            Set<Integer> sent,
            ReminderRule.Reach reach,
            ReminderRule.Reminder expected) {
        Optional<ReminderRule.Reminder> got =
                ReminderRule.decide(thresholds, NOW + (long) (daysLeft * DAY), NOW, sent, reach);
        assertEquals(Optional.ofNullable(expected), got);
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of(-0.5, 0),
                Arguments.of(0.0, 0),
                Arguments.of(0.1, 7),
                Arguments.of(7.0, 7),
                Arguments.of(7.1, 30),
                Arguments.of(30.0, 30),
                Arguments.of(30.5, 0));
    }

    @ParameterizedTest(name = "[{index}] {0} days left -> within {1}")
    @MethodSource("windows")
    void windowOfTheOutlook(double daysLeft, int expected) {
        OptionalInt window = ReminderRule.window(NOW + (long) (daysLeft * DAY), NOW);
        assertEquals(expected, window.orElse(0));
    }

    @Test
    void aNewPasswordHasNewMarkersAndMarkersOutliveTheExpiryByADay() {
        assertNotEquals(ReminderRule.marker("r", "u", NOW, 7), ReminderRule.marker("r", "u", NOW + 1, 7));
        assertNotEquals(ReminderRule.marker("r", "u", NOW, 7), ReminderRule.marker("r", "u", NOW, 1));
        assertEquals(8 * 86_400, ReminderRule.markerSeconds(NOW + 7 * DAY, NOW));
        assertEquals(86_400, ReminderRule.markerSeconds(NOW - DAY, NOW));
        assertEquals(true, new ReminderRule.Reminder(1, 1, false, true).deliverable());
        assertEquals(false, new ReminderRule.Reminder(1, 1, false, false).deliverable());
    }
}
