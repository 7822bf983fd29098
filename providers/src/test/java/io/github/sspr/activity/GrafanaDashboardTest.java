package io.github.sspr.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/grafana-sspr.json in step with {@link ActivityMetrics}: every PromQL expression of the dashboard names
 * only series that our meters produce, filters and groups only by their labels (with values that exist, for the closed
 * sets {@code type} and {@code result}), and every meter has at least one panel. A meter renamed or a label dropped in
 * the code fails here instead of leaving an empty panel in someone's Grafana.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana-sspr.json");

    private static final Pattern SERIES = Pattern.compile("\\bsspr_[a-z0-9_]+");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");

    /** Prometheus series name to the labels of its meter, as Keycloak's Prometheus registry exposes them. */
    private static final Map<String, Set<String>> SERIES_LABELS = new HashMap<>();
    /** Micrometer meter names, each of which must have a panel. */
    private static final Set<String> METERS = new TreeSet<>();

    private static JsonNode dashboard;

    @BeforeAll
    static void readMetersAndDashboard() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityMetrics metrics = new ActivityMetrics(registry);
        // Touch every meter once, so that the registry knows each with its tags.
        for (ActivityType type : ActivityType.values()) {
            metrics.count(
                    "demo",
                    ActivityRecord.of(
                            "r1",
                            1L,
                            "u1",
                            "dave",
                            type,
                            ActivityResult.SUCCEEDED,
                            List.of("email"),
                            null,
                            "completed",
                            null,
                            null));
        }
        metrics.gateFailure("demo", "email");
        metrics.block("demo", "gate-failures");
        metrics.send("demo", "sms", ActivityMetrics.SENT);
        metrics.writeback(metrics.startWriteback(), "demo", ActivityMetrics.SUCCESS);

        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            Set<String> labels = new HashSet<>();
            meter.getId().getTags().forEach(tag -> labels.add(tag.getKey()));
            METERS.add(name);
            if (meter instanceof Counter) {
                SERIES_LABELS.put(name + "_total", labels);
            } else if (meter instanceof Timer) {
                for (String suffix : List.of("_seconds_count", "_seconds_sum", "_seconds_max")) {
                    SERIES_LABELS.put(name + suffix, labels);
                }
            } else {
                throw new AssertionError("a meter of a kind this test does not map to Prometheus: " + meter.getId());
            }
        }
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    @Test
    void theRegistryKnowsEveryMeterOfActivityMetrics() {
        assertEquals(
                new TreeSet<>(List.of(
                        ActivityMetrics.NAME,
                        ActivityMetrics.RESETS,
                        ActivityMetrics.GATE_FAILURES,
                        ActivityMetrics.BLOCKS,
                        ActivityMetrics.SENDS,
                        ActivityMetrics.WRITEBACK)),
                METERS);
    }

    @Test
    void everyExpressionNamesOnlyOurSeriesAndTheirLabels() {
        List<String> expressions = expressions();
        assertFalse(expressions.isEmpty(), "no PromQL expression found in " + DASHBOARD);
        for (String expr : expressions) {
            Set<String> series = new HashSet<>();
            Matcher names = SERIES.matcher(expr);
            while (names.find()) {
                series.add(names.group());
            }
            assertFalse(series.isEmpty(), "names no sspr_ series: " + expr);
            Set<String> labels = new HashSet<>();
            for (String name : series) {
                assertTrue(
                        SERIES_LABELS.containsKey(name),
                        name + " is not a series of ActivityMetrics " + SERIES_LABELS.keySet() + ": " + expr);
                labels.addAll(SERIES_LABELS.get(name));
            }
            Matcher grouping = GROUPING.matcher(expr);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    assertTrue(labels.contains(label.strip()), "groups by unknown label " + label + ": " + expr);
                }
            }
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                for (String matcher : selector.group(1).split(",(?=\\s*[a-zA-Z_]+\\s*[=!])")) {
                    checkMatcher(matcher, labels, expr);
                }
            }
        }
    }

    @Test
    void everyMeterHasAPanel() {
        String all = String.join("\n", expressions());
        for (String meter : METERS) {
            assertTrue(all.contains(meter + "_"), "no panel shows " + meter);
        }
    }

    private static void checkMatcher(String text, Set<String> labels, String expr) {
        Matcher m = MATCHER.matcher(text);
        assertTrue(m.matches(), "cannot read the label matcher '" + text + "' in: " + expr);
        String label = m.group(1);
        assertTrue(labels.contains(label), "filters on unknown label " + label + ": " + expr);
        Set<String> known = switch (label) {
            case "type" ->
                Arrays.stream(ActivityType.values()).map(ActivityType::id).collect(Collectors.toSet());
            case "result" ->
                Arrays.stream(ActivityResult.values()).map(ActivityResult::id).collect(Collectors.toSet());
            default -> null;
        };
        if (known == null || m.group(3).contains("$")) {
            return;
        }
        List<String> values =
                m.group(2).endsWith("~") ? Arrays.asList(m.group(3).split("\\|")) : List.of(m.group(3));
        for (String value : values) {
            assertTrue(known.contains(value), label + " has no value " + value + " " + known + ": " + expr);
        }
    }

    /** Every panel target's {@code expr} and every query variable's PromQL. */
    private static List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                exprs.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return exprs;
    }
}
