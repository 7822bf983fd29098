package io.github.sspr.it.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.SsprServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SSPR's meters on Keycloak's own metrics endpoint (management port 9000, {@code --metrics-enabled=true} in
 * {@link SsprServerConfig}): an admin's password reset over the admin REST API is counted as an activity and as a
 * reset by method.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ActivityMetricsIT {

    private static final String METRICS = "http://localhost:9000/metrics";

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void anAdminResetShowsUpOnKeycloaksMetricsEndpoint() {
        String realmLabel = "realm=\"" + realm.getName() + "\"";
        double resetsBefore =
                value(scrape(), "sspr_resets_total{", realmLabel, "method=\"admin\"", "type=\"admin-reset\"");

        DemoUsers.Created user = DemoUsers.create(realm.admin(), "metrics");
        for (int i = 1; i <= 2; i++) {
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            // Different each time: the demo policy refuses the last 3 passwords.
            password.setValue("Metrics-Passw0rd-" + i + "!");
            password.setTemporary(false);
            realm.admin().users().get(user.id()).resetPassword(password);
        }

        String metrics = scrape();
        assertEquals(
                resetsBefore + 2,
                value(metrics, "sspr_resets_total{", realmLabel, "method=\"admin\"", "result=\"succeeded\""),
                metrics.lines().filter(l -> l.startsWith("sspr_")).toList().toString());
        assertTrue(value(metrics, "sspr_activity_total{", realmLabel, "type=\"admin-reset\"", "result=\"succeeded\"")
                >= 2);
        // Described once, with Prometheus' help line.
        assertTrue(metrics.contains("# HELP sspr_resets"), "no help line for sspr_resets");
    }

    /** The sum of the series named by {@code prefix} whose labels contain all of {@code labels}. */
    private static double value(String metrics, String prefix, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String scrape() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(METRICS)).GET().build(),
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
}
