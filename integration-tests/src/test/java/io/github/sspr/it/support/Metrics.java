package io.github.sspr.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Keycloak's Prometheus endpoint ({@code /metrics} on the management port, {@code --metrics-enabled=true}) as the
 * tests read it: one scrape as text, and the value of a series picked by name and labels.
 */
public final class Metrics {

    /** The suite's server (management port 9000). */
    public static final String SERVER = "http://localhost:9000/metrics";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Metrics() {}

    /** One scrape of the suite's server. */
    public static String scrape() {
        return scrape(SERVER);
    }

    /** One scrape of {@code url}; fails the test unless it answers 200 (is {@code --metrics-enabled} on?). */
    public static String scrape(String url) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "is --metrics-enabled on? " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of the series whose line starts with {@code prefix} (a name and its opening brace, {@code
     * sspr_sends_total{}) and whose labels contain every one of {@code labels} ({@code channel="sms"}); 0 when none.
     */
    public static double value(String metrics, String prefix, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The {@code sspr_} lines of a scrape, for a failure message. */
    public static List<String> ours(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("sspr_")).toList();
    }
}
