package io.github.sspr.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which expiry reminder is due, and where the expiry comes from. */
class ExpiryRemindersTest {

    private static final long DAY = ExpiryReminders.DAY_MILLIS;
    private static final long NOW = 1_790_000_000_000L;
    private static final List<Integer> T = List.of(14, 7, 1);

    static Stream<Arguments> due() {
        return Stream.of(
                // days (fractional) until expiry, thresholds already sent -> threshold due (0 = none)
                Arguments.of(30.0, Set.of(), 0),
                Arguments.of(14.5, Set.of(), 0), // 15 days left, rounded up
                Arguments.of(14.0, Set.of(), 14),
                Arguments.of(13.2, Set.of(14), 0), // 14 sent for this password: nothing until 7
                Arguments.of(7.0, Set.of(14), 7),
                Arguments.of(6.0, Set.of(), 7), // back from leave: only the most urgent reached
                Arguments.of(0.5, Set.of(14, 7), 1),
                Arguments.of(0.5, Set.of(14, 7, 1), 0),
                Arguments.of(0.0, Set.of(), 0), // expired: Keycloak asks at sign-in
                Arguments.of(-3.0, Set.of(), 0));
    }

    @ParameterizedTest(name = "[{index}] {0} days left, sent {1} -> {2}")
    @MethodSource("due")
    void theMostUrgentUnsentThresholdIsDue(double daysLeft, Set<Integer> sent, int expected) {
        long expiresAt = NOW + (long) (daysLeft * DAY);
        OptionalInt due = ExpiryReminders.due(T, expiresAt, NOW, sent);
        assertEquals(expected, due.orElse(0));
    }

    @Test
    void thresholdsAreParsedLargestFirstAndChecked() {
        assertEquals(List.of(14, 7, 1), ExpiryReminders.thresholds("1, 14,7 7"));
        assertEquals(List.of(), ExpiryReminders.thresholds(" "));
        assertThrows(IllegalArgumentException.class, () -> ExpiryReminders.thresholds("7,0"));
        assertThrows(IllegalArgumentException.class, () -> ExpiryReminders.thresholds("seven"));
        assertThrows(IllegalArgumentException.class, () -> ExpiryReminders.thresholds("366"));
    }

    @Test
    void expiryFromKeycloakAdAndOpenLdap() {
        assertEquals(NOW + 90 * DAY, ExpiryReminders.expiresAt(NOW, 90));
        // 2027-01-01T00:00:00Z as a FILETIME
        long fileTime = (Instant.parse("2027-01-01T00:00:00Z").toEpochMilli() * 10_000) + 116_444_736_000_000_000L;
        assertEquals(
                Optional.of(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli()),
                ExpiryReminders.fromFileTime(fileTime));
        assertEquals(Optional.empty(), ExpiryReminders.fromFileTime(Long.MAX_VALUE), "never expires");
        assertEquals(Optional.empty(), ExpiryReminders.fromFileTime(0));
        assertEquals(
                Optional.of(Instant.parse("2026-12-17T01:02:03Z").toEpochMilli()),
                ExpiryReminders.fromPwdChangedTime("20261207010203Z", 10 * 24 * 3600));
        assertEquals(
                Optional.of(Instant.parse("2026-12-07T01:02:04.500Z").toEpochMilli()),
                ExpiryReminders.fromPwdChangedTime("20261207010203.5Z", 1));
        assertEquals(Optional.empty(), ExpiryReminders.fromPwdChangedTime("20261207010203Z", 0), "no pwdMaxAge");
        assertEquals(Optional.empty(), ExpiryReminders.fromPwdChangedTime("yesterday", 3600));
    }
}
