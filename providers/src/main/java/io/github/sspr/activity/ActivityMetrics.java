package io.github.sspr.activity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counter {@code sspr_activity_total{realm, type, result}} in Keycloak's Micrometer registry, served on the management
 * port's {@code /metrics} when Keycloak runs with {@code --metrics-enabled=true}. Tags are closed sets (our enums) and
 * realm names: no user data, no unbounded cardinality.
 */
public final class ActivityMetrics {

    public static final String NAME = "sspr_activity";

    private final Meter.MeterProvider<Counter> counters;

    public ActivityMetrics(MeterRegistry registry) {
        this.counters = Counter.builder(NAME)
                .description("SSPR activities recorded, by realm, type and result")
                .withRegistry(registry);
    }

    public void count(String realmName, ActivityRecord record) {
        counters.withTags(Tags.of(
                        "realm", realmName == null ? "" : realmName,
                        "type", record.type().id(),
                        "result", record.result().id()))
                .increment();
    }
}
