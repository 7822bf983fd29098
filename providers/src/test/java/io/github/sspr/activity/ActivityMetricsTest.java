package io.github.sspr.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityMetricsTest {

    @Test
    void countsByRealmTypeAndResult() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityMetrics metrics = new ActivityMetrics(registry);
        ActivityRecord reset = ActivityRecord.of(
                "r1",
                1L,
                "u1",
                "dave",
                ActivityType.SELF_SERVICE_RESET,
                ActivityResult.SUCCEEDED,
                List.of("email"),
                null,
                "completed",
                null,
                null);
        metrics.count("demo", reset);
        metrics.count("demo", reset);
        metrics.count("other", reset);

        assertEquals(
                2.0,
                registry.get(ActivityMetrics.NAME)
                        .tags("realm", "demo", "type", "self-service-reset", "result", "succeeded")
                        .counter()
                        .count());
        assertEquals(
                3.0,
                registry.get(ActivityMetrics.NAME).counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum());
    }
}
