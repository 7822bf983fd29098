package io.github.sspr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.ldap.SambaAdIT;
import io.github.sspr.it.ldap.SlapdExpiryReminderIT;
import io.github.sspr.it.ldap.SlapdSyncAndUnlockIT;
import io.github.sspr.it.ldap.SlapdWritebackIT;
import io.github.sspr.it.ldap.SsprLdapProviderIT;
import io.github.sspr.it.support.Artifacts;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.UsedSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * Runs after every other class of the suite and reads what the suite's Keycloak logged: no ERROR at all, and none of
 * the secrets the suite handled (Twilio token, full phone numbers, passwords, and what the reset tests registered in
 * {@link UsedSecrets}: one-time codes, security answers, full numbers) — "never in logs" (docs/architecture.md,
 * "Security numbers").
 */
@Order(Integer.MAX_VALUE)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ServerLogIT {

    /** Every secret the suite puts through the server. Tests that handle a new kind of secret add it here. */
    static final List<String> SECRETS = Stream.concat(
                    Stream.of(
                                    SsprLdapProviderIT.SECRETS,
                                    SlapdWritebackIT.SECRETS,
                                    SlapdSyncAndUnlockIT.SECRETS,
                                    SambaAdIT.SECRETS,
                                    SlapdExpiryReminderIT.SECRETS)
                            .flatMap(List::stream),
                    Stream.of(
                            SsprServerConfig.TWILIO_AUTH_TOKEN,
                            "4915112345678",
                            "4155550100",
                            "5005550001",
                            "Carol-N3w-Passw0rd!",
                            "Carol-Passw0rd!",
                            "Helpdesk-Passw0rd!",
                            // ActivityIT
                            "Dave-N3w-Passw0rd!",
                            "Start-Passw0rd!",
                            "Other-Passw0rd!",
                            "Other-N3w-Passw0rd!",
                            "Pager-Passw0rd-",
                            // The reset ITs' fixed secrets (their codes, numbers and answers go to UsedSecrets)
                            "Dave-Passw0rd!",
                            "Dave-Journey-N3w-Passw0rd!",
                            "Phone-N3w-Passw0rd!",
                            "Policy-N3w-Passw0rd!"))
            .toList();

    /**
     * Keycloak's own way of refusing what PolicyAdminApiIT imports on purpose: its realm-import endpoint does not map
     * a component's validation failure to a 400 but logs it as an uncaught error (the realm is still not created).
     * Only that exact line, for our policy's validation message, is tolerated.
     */
    static final java.util.regex.Pattern KNOWN_KEYCLOAK_ERRORS = java.util.regex.Pattern.compile(
            ".* ERROR \\[org\\.keycloak\\.services\\.error\\.KeycloakErrorHandler\\] .*Uncaught server error:"
                    + " org\\.keycloak\\.component\\.ComponentValidationException: Invalid SSPR policy: .*"
                    // Notifications and code emails are sent after commit (a quarter of a second after, AfterCommit) on
                    // our dispatch and email pools; the suite's GreenMail lives per test class, so a notice sent as a
                    // class ends finds no SMTP
                    // server, or one shutting down mid-conversation ("connect failed", "[EOF]"). Keycloak's mail
                    // sender logs that refusal as ERROR itself; only that message, only on our dispatch threads, is
                    // tolerated — the mails the tests wait for are asserted where they are sent.
                    + "|.* ERROR \\[org\\.keycloak\\.services\\] \\(kc-sspr-(dispatch|send-email)-[0-9-]+\\) KC-SERVICES0029: Failed to"
                    + " send email: .*");

    @Test
    void theServerLoggedNoError() throws IOException {
        List<String> errors = Files.readAllLines(Artifacts.serverLog()).stream()
                .filter(line -> line.contains(" ERROR "))
                .filter(line -> !KNOWN_KEYCLOAK_ERRORS.matcher(line).matches())
                .toList();
        assertEquals(List.of(), errors);
    }

    @Test
    void noSecretReachedTheServerLog() throws IOException {
        String log = Files.readString(Artifacts.serverLog());
        // The version the execution runs (26.7.3, or 26.5.x in execution kc26.5).
        String version = System.getProperty("sspr.keycloak.version", "26.7.3");
        assertTrue(log.contains("Keycloak " + version), "not the suite's server log: " + Artifacts.serverLog());
        for (String secret : SECRETS) {
            assertTrue(!log.contains(secret), "secret in server log: " + secret.substring(0, 3) + "…");
        }
        for (String secret : UsedSecrets.all()) {
            assertTrue(!appears(log, secret), "secret used by a test in server log: " + secret.substring(0, 2) + "…");
        }
    }

    /**
     * Whether {@code secret} stands in the log as a token of its own: a 6-digit code must not be found inside a longer
     * number or a hex id (which would make the check fail by chance), but must be found next to punctuation or spaces.
     */
    static boolean appears(String log, String secret) {
        return Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])", Pattern.CASE_INSENSITIVE)
                .matcher(log)
                .find();
    }
}
