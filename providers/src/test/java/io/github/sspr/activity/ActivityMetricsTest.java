package io.github.sspr.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityMetricsTest {

    @Test
    void countsByRealmTypeAndResult() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityMetrics metrics = new ActivityMetrics(registry);
        ActivityRecord reset = new ActivityRecord(
                ActivityRecord.newId(),
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

    @Test
    void resetsAreCountedPerMethodAndLockoutsAsBlocks() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityMetrics metrics = new ActivityMetrics(registry);
        metrics.count("demo", row(ActivityType.SELF_SERVICE_RESET, ActivityResult.SUCCEEDED, List.of("email", "sms")));
        metrics.count("demo", row(ActivityType.SELF_SERVICE_RESET, ActivityResult.FAILED, List.of()));
        metrics.count("demo", row(ActivityType.ADMIN_RESET, ActivityResult.SUCCEEDED, List.of("admin")));
        metrics.count("demo", row(ActivityType.REGISTRATION, ActivityResult.SUCCEEDED, List.of("sms")));
        metrics.count("demo", row(ActivityType.SELF_SERVICE_RESET, ActivityResult.REPORTED_NOT_ME, List.of("email")));
        metrics.count("demo", row(ActivityType.BLOCKED, ActivityResult.BLOCKED, List.of("password")));

        assertEquals(1.0, resets(registry, "self-service-reset", "succeeded", "email"));
        assertEquals(1.0, resets(registry, "self-service-reset", "succeeded", "sms"));
        assertEquals(1.0, resets(registry, "self-service-reset", "failed", "none"));
        assertEquals(1.0, resets(registry, "admin-reset", "succeeded", "admin"));
        // A registration is no reset, and a "This wasn't me" report is a report about one, not another reset.
        assertEquals(
                4.0,
                registry.get(ActivityMetrics.RESETS).counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum());
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.BLOCKS)
                        .tags("realm", "demo", "rule", ActivityMetrics.ACCOUNT_LOCKOUT)
                        .counter()
                        .count());
        assertEquals(
                6.0,
                registry.get(ActivityMetrics.NAME).counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum());
    }

    @Test
    void limitHitsAreCountedByLimit() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityMetrics metrics = new ActivityMetrics(registry);
        metrics.limitHit("demo", "phone-number-sends");
        metrics.limitHit("demo", "message-budget-80");
        metrics.limitHit("demo", "message-budget-80");
        metrics.limitHit("demo", "Not A Tag!");
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.LIMIT_HITS)
                        .tags("realm", "demo", "limit", "phone-number-sends")
                        .counter()
                        .count());
        assertEquals(
                2.0,
                registry.get(ActivityMetrics.LIMIT_HITS)
                        .tags("realm", "demo", "limit", "message-budget-80")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.LIMIT_HITS)
                        .tags("realm", "demo", "limit", "other")
                        .counter()
                        .count());
    }

    @Test
    void gateFailuresBlocksSendsAndWritebacksHaveTheirOwnMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityMetrics metrics = new ActivityMetrics(registry);
        metrics.gateFailure("demo", "sms");
        metrics.gateFailure("demo", "sms");
        metrics.block("demo", "gate-failures");
        metrics.send("demo", "voice", ActivityMetrics.SENT);
        metrics.send("demo", "email", ActivityMetrics.REFUSED);
        Timer.Sample sample = metrics.startWriteback();
        metrics.writeback(sample, "demo", ActivityMetrics.SUCCESS);

        assertEquals(
                2.0,
                registry.get(ActivityMetrics.GATE_FAILURES)
                        .tags("realm", "demo", "method", "sms")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.BLOCKS)
                        .tags("realm", "demo", "rule", "gate-failures")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.SENDS)
                        .tags("realm", "demo", "channel", "voice", "outcome", "sent")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.SENDS)
                        .tags("realm", "demo", "channel", "email", "outcome", "refused")
                        .counter()
                        .count());
        assertEquals(
                1L,
                registry.get(ActivityMetrics.WRITEBACK)
                        .tags("realm", "demo", "outcome", "success")
                        .timer()
                        .count());
    }

    @Test
    void tagValuesOutsideShortIdsCollapseToOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityMetrics metrics = new ActivityMetrics(registry);
        metrics.gateFailure("demo", "dave@example.com");
        metrics.gateFailure("demo", "<script>");
        metrics.gateFailure("demo", null);

        assertEquals(
                2.0,
                registry.get(ActivityMetrics.GATE_FAILURES)
                        .tags("method", "other")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get(ActivityMetrics.GATE_FAILURES)
                        .tags("method", "none")
                        .counter()
                        .count());
    }

    private static double resets(SimpleMeterRegistry registry, String type, String result, String method) {
        return registry.get(ActivityMetrics.RESETS)
                .tags("realm", "demo", "type", type, "result", result, "method", method)
                .counter()
                .count();
    }

    private static ActivityRecord row(ActivityType type, ActivityResult result, List<String> methods) {
        return new ActivityRecord(
                ActivityRecord.newId(), "r1", 1L, "u1", "dave", type, result, methods, null, "completed", null, null);
    }
}
