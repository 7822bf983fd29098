package io.github.sspr.it.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.Metrics;
import io.github.sspr.it.support.SsprServerConfig;
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

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void anAdminResetShowsUpOnKeycloaksMetricsEndpoint() {
        String realmLabel = "realm=\"" + realm.getName() + "\"";
        double resetsBefore = Metrics.value(
                Metrics.scrape(), "sspr_resets_total{", realmLabel, "method=\"admin\"", "type=\"admin-reset\"");

        DemoUsers.Created user = DemoUsers.create(realm.admin(), "metrics");
        for (int i = 1; i <= 2; i++) {
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            // Different each time: the demo policy refuses the last 3 passwords.
            password.setValue("Metrics-Passw0rd-" + i + "!");
            password.setTemporary(false);
            realm.admin().users().get(user.id()).resetPassword(password);
        }

        String metrics = Metrics.scrape();
        assertEquals(
                resetsBefore + 2,
                Metrics.value(metrics, "sspr_resets_total{", realmLabel, "method=\"admin\"", "result=\"succeeded\""),
                Metrics.ours(metrics).toString());
        assertTrue(Metrics.value(
                        metrics, "sspr_activity_total{", realmLabel, "type=\"admin-reset\"", "result=\"succeeded\"")
                >= 2);
        // Described once, with Prometheus' help line.
        assertTrue(metrics.contains("# HELP sspr_resets"), "no help line for sspr_resets");
    }
}
