package io.github.sspr.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.wording.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} s -> {2} {1}")
    @CsvSource({
        "0, seconds, 1",
        "1, seconds, 1",
        "30, seconds, 30",
        "59, seconds, 59",
        "60, minutes, 1",
        "61, minutes, 2",
        "900, minutes, 15",
        "3540, minutes, 59",
        "3600, hours, 1",
        "3601, minutes, 61",
        "5400, minutes, 90",
        "7140, minutes, 119",
        "7200, hours, 2",
        "7201, hours, 3",
        // the "1,440 minutes": a day-long link or block is "24 hours"
        "86400, hours, 24",
        "86220, hours, 24",
        "172799, days, 2",
        "172800, days, 2",
        "604800, days, 7",
        "604801, days, 8",
    })
    void picksTheUnitAPersonWouldSayAndRoundsUp(long seconds, String unit, long amount) {
        assertEquals(new Durations.Phrase("sspr.duration." + unit, amount), Durations.of(Duration.ofSeconds(seconds)));
    }

    @Test
    void aFractionOfASecondCountsAsAWholeOne() {
        assertEquals(new Durations.Phrase("sspr.duration.seconds", 2), Durations.of(Duration.ofMillis(1500)));
        assertEquals(new Durations.Phrase("sspr.duration.hours", 24), Durations.ofMinutes(1440));
    }
}
