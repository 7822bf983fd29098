package io.github.sspr.activity;

import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.regex.Pattern;

/**
 * SSPR's meters in Keycloak's Micrometer registry, served on the management port's {@code /metrics} when Keycloak runs
 * with {@code --metrics-enabled=true} (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@code sspr_activity_total{realm,type,result}}: every activity row, counted after its transaction commits;
 *   <li>{@code sspr_resets_total{realm,type,result,method}}: self-service and admin password resets, once per method
 *       used ({@code none} when a reset failed before any);
 *   <li>{@code sspr_gate_failures_total{realm,method}}: failed verifications at a reset gate;
 *   <li>{@code sspr_blocks_total{realm,rule}}: blocks imposed — a throttle rule ({@code gate-failures},
 *       {@code email-sends}, {@code phone-number-sends}, {@code phone-country-sends}) or {@code account-lockout}
 *       (Keycloak's brute-force protection);
 *   <li>{@code sspr_limit_hits_total{realm,limit}}: limits hit, once per hit (a block set, a cap reached in its
 *       window, a daily message budget threshold reached: {@code message-budget-80}, {@code message-budget-100}),
 *       not once per request refused afterwards (docs/throttles.md);
 *   <li>{@code sspr_sends_total{realm,channel,outcome}}: codes sent by {@code email}, {@code sms} or {@code voice},
 *       {@code sent} or {@code failed} (or {@code refused} by the throttle);
 *   <li>{@code sspr_writeback_seconds{realm,outcome}}: how long a password write to the directory took, by
 *       {@code success} or the directory failure.
 * </ul>
 *
 * <p>Tags are closed sets and realm names: never user data. A tag value that is not a short lower-case id becomes
 * {@code other}, so that a caller's mistake cannot blow up the number of series. Without metrics enabled Keycloak adds
 * no registry to Micrometer's global one, and every call here is a no-op.
 */
public final class ActivityMetrics {

    public static final String NAME = "sspr_activity";
    public static final String RESETS = "sspr_resets";
    public static final String GATE_FAILURES = "sspr_gate_failures";
    public static final String BLOCKS = "sspr_blocks";
    public static final String SENDS = "sspr_sends";
    public static final String LIMIT_HITS = "sspr_limit_hits";
    public static final String WRITEBACK = "sspr_writeback";

    /** {@link #block} rule of Keycloak's own brute-force lockout (which blocks the login, not a reset gate). */
    public static final String ACCOUNT_LOCKOUT = "account-lockout";

    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";
    /** A send not attempted: its provider's breaker is open, or its channel's lane is full (docs/sms.md). */
    public static final String UNAVAILABLE = "unavailable";

    public static final String BREAKER = "sspr_sms_breaker";
    public static final String SUCCESS = "success";

    private static final Pattern TAG_VALUE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    private static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Counter> activities;
    private final Meter.MeterProvider<Counter> resets;
    private final Meter.MeterProvider<Counter> gateFailures;
    private final Meter.MeterProvider<Counter> blocks;
    private final Meter.MeterProvider<Counter> sends;
    private final Meter.MeterProvider<Counter> limitHits;
    private final Meter.MeterProvider<Counter> breaker;
    private final Meter.MeterProvider<Timer> writebacks;

    public ActivityMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.activities = Counter.builder(NAME)
                .description("SSPR activities recorded, by realm, type and result")
                .withRegistry(registry);
        this.resets = Counter.builder(RESETS)
                .description("Password resets (self-service and admin) by realm, type, result and method used")
                .withRegistry(registry);
        this.gateFailures = Counter.builder(GATE_FAILURES)
                .description("Failed verifications at SSPR reset gates, by realm and method")
                .withRegistry(registry);
        this.blocks = Counter.builder(BLOCKS)
                .description("Blocks imposed by SSPR's throttle rules or Keycloak's brute-force lockout")
                .withRegistry(registry);
        this.limitHits = Counter.builder(LIMIT_HITS)
                .description("SSPR throttle limits hit, once per hit, by realm and limit")
                .withRegistry(registry);
        this.sends = Counter.builder(SENDS)
                .description("Verification codes sent by SSPR, by realm, channel and outcome")
                .withRegistry(registry);
        this.breaker = Counter.builder(BREAKER)
                .description("SMS/voice provider circuit breaker transitions (opened, closed), by realm and provider")
                .withRegistry(registry);
        this.writebacks = Timer.builder(WRITEBACK)
                .description("Password writes to the user directory, by realm and outcome")
                .withRegistry(registry);
    }

    /** The meters in Keycloak's registry (Micrometer's global one, which Keycloak's Prometheus registry joins). */
    public static ActivityMetrics global() {
        return Global.INSTANCE;
    }

    /** One activity row, committed; also counts it as a reset or a lockout where it is one. */
    public void count(String realmName, ActivityRecord record) {
        String realm = realm(realmName);
        activities
                .withTags(Tags.of(
                        "realm",
                        realm,
                        "type",
                        record.type().id(),
                        "result",
                        record.result().id()))
                .increment();
        boolean reset = record.type() == ActivityType.SELF_SERVICE_RESET || record.type() == ActivityType.ADMIN_RESET;
        if (reset && record.result() != ActivityResult.REPORTED_NOT_ME) {
            for (String method : record.methods().isEmpty() ? java.util.List.of("none") : record.methods()) {
                resets.withTags(Tags.of(
                                "realm",
                                realm,
                                "type",
                                record.type().id(),
                                "result",
                                record.result().id(),
                                "method",
                                tag(method)))
                        .increment();
            }
        }
        if (record.type() == ActivityType.BLOCKED) {
            block(realmName, ACCOUNT_LOCKOUT);
        }
    }

    /** A failed verification at a reset gate ({@code email}, {@code sms}, {@code voice}, {@code questions}). */
    public void gateFailure(String realmName, String method) {
        gateFailures
                .withTags(Tags.of("realm", realm(realmName), "method", tag(method)))
                .increment();
    }

    /** A block imposed by {@code rule} (a throttle rule id, or {@link #ACCOUNT_LOCKOUT}). */
    public void block(String realmName, String rule) {
        blocks.withTags(Tags.of("realm", realm(realmName), "rule", tag(rule))).increment();
    }

    /** A throttle limit hit, once per hit ({@code limit}: a rule id, or a budget threshold). */
    public void limitHit(String realmName, String limit) {
        limitHits
                .withTags(Tags.of("realm", realm(realmName), "limit", tag(limit)))
                .increment();
    }

    /** A code sent (or not) by {@code channel} ({@code email}, {@code sms}, {@code voice}); see {@link #SENT}. */
    public void send(String realmName, String channel, String outcome) {
        sends.withTags(Tags.of("realm", realm(realmName), "channel", tag(channel), "outcome", tag(outcome)))
                .increment();
    }

    /** The SMS/voice provider's breaker {@code opened} or {@code closed} (docs/sms.md). */
    public void breaker(String realmName, String provider, String transition) {
        breaker.withTags(Tags.of("realm", realm(realmName), "provider", tag(provider), "transition", tag(transition)))
                .increment();
    }

    /** Starts timing a password write to the directory; end it with {@link #writeback}. */
    public Timer.Sample startWriteback() {
        return Timer.start(registry);
    }

    /** Ends a {@link #startWriteback()} sample: {@link #SUCCESS} or the directory failure's id. */
    public void writeback(Timer.Sample sample, String realmName, String outcome) {
        sample.stop(writebacks.withTags(Tags.of("realm", realm(realmName), "outcome", tag(outcome))));
    }

    static String tag(String value) {
        if (value == null || value.isEmpty()) {
            return "none";
        }
        return TAG_VALUE.matcher(value).matches() ? value : OTHER;
    }

    private static String realm(String realmName) {
        return realmName == null ? "" : realmName;
    }

    /** Built on first use; immutable afterwards (the registry is Keycloak's). */
    private static final class Global {
        static final ActivityMetrics INSTANCE = new ActivityMetrics(Metrics.globalRegistry);
    }
}
