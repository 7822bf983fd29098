package io.github.sspr.adminreset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelpdeskRequirementTest {

    private static final long NOW = 1_800_000_000_000L;

    @ParameterizedTest(name = "window {0} min, latest {1} {2} min ago -> {3}")
    @CsvSource({
        // window, latest result ('-' = none), minutes ago, refusal ('' = allowed)
        "0, -, 0, ''",
        "0, wrong, 5, ''",
        "15, -, 0, none",
        "15, verified, 0, ''",
        "15, verified, 14, ''",
        "15, verified, 15, ''",
        "15, verified, 16, expired",
        "15, wrong, 1, wrong",
        "15, expired, 1, expired",
        "15, too_many_tries, 1, too_many_tries",
        "15, verified, -3, ''",
        "1440, verified, 1439, ''",
        "1440, verified, 1441, expired",
    })
    void aResetNeedsASuccessfulVerificationInsideTheWindow(int window, String result, long ago, String refusal) {
        Map<String, String> latest = null;
        if (!result.equals("-")) {
            latest = new HashMap<>();
            latest.put("result", result);
            latest.put("time", Long.toString(NOW - ago * 60_000L));
        }
        assertEquals(
                refusal,
                HelpdeskRequirement.check(window, latest, NOW)
                        .map(HelpdeskRequirement.Refusal::latest)
                        .orElse(""));
    }

    @org.junit.jupiter.api.Test
    void anUnreadableRecordCountsAsNone() {
        assertEquals(
                Optional.of(new HelpdeskRequirement.Refusal("none", -1)),
                HelpdeskRequirement.check(10, Map.of("result", "verified", "time", "soon"), NOW));
    }
}
