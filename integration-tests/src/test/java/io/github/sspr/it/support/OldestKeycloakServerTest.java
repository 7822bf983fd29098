package io.github.sspr.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** What {@link OldestKeycloakServer} hands to 26.5's {@code kc.sh}: the framework's command less what 26.5 refuses. */
class OldestKeycloakServerTest {

    @Test
    void dropsOnlyTheOptionsTheOldestKeycloakDoesNotKnow() {
        assertEquals(
                List.of("start-dev", "--cache=local", "--features=declarative-ui"),
                OldestKeycloakServer.forOldest(List.of(
                        "start-dev",
                        "--cache=local",
                        "--shutdown-delay=1s",
                        "--shutdown-timeout=0s",
                        "--features=declarative-ui")));
    }

    @Test
    void theSuitesStartCommandLosesTheShutdownOptionsAndKeepsTheRest() {
        KeycloakServerConfigBuilder config = new SsprServerConfig().configure(KeycloakServerConfigBuilder.startDev());
        List<String> args = OldestKeycloakServer.forOldest(OldestKeycloakServer.frameworkArgs(config));

        assertEquals("start-dev", args.get(0));
        assertTrue(args.stream().noneMatch(a -> a.startsWith("--shutdown-")), args.toString());
        assertTrue(args.contains("--vault=file"), args.toString());
        assertTrue(args.contains("--spi-sspr-sms-sender--twilio--account-sid=" + SsprServerConfig.TWILIO_ACCOUNT_SID));
    }
}
