package io.github.sspr.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.keycloak.common.Profile;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server of the suite: Keycloak 26.7.3 with the packaged {@code keycloak-sspr} JAR, the Twilio sender
 * pointed at the suite's WireMock, its auth token in Keycloak's file vault, and the server log in a file that tests
 * can read. Every test class names this config, so the framework starts the server once.
 */
public class SsprServerConfig implements KeycloakServerConfig {

    /** The fake Twilio API listens here (see {@link TwilioFake}). */
    public static final int TWILIO_PORT = 18089;

    public static final String TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String TWILIO_AUTH_TOKEN = "vault-held-auth-token";
    public static final String TWILIO_FROM = "+15005550006";

    /**
     * Keycloak's {@code hostname} option, as a production server has it: the links in mails of scheduled tasks (which
     * have no request to take the URL from) are built on it (ExpiryRemindersIT).
     */
    public static final String HOSTNAME = "http://localhost:8080";

    /**
     * The build options this server shares with the Docker image ({@code docker/Dockerfile}'s {@code kc.sh build}
     * line, which adds only the database and the SMS sender): {@code DockerImageOptionsTest} compares the two, so they
     * cannot drift. {@code features}: the SSPR policy's admin-console page is a ui-page component, which Keycloak 26.7
     * loads only with its experimental declarative-ui feature (the realm import and the policy's REST API work without
     * it). {@code metrics-enabled}: SSPR's meters on the management port's /metrics, read by ActivityMetricsIT.
     */
    public static final Map<String, String> BUILD_OPTIONS =
            Map.of("features", "declarative-ui", "metrics-enabled", "true", "health-enabled", "true");

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        Path vault = prepareVault();
        // The server log also goes to a file, so that tests can read what Keycloak logged (no secrets, no errors).
        config.log()
                .handlers(
                        KeycloakServerConfigBuilder.LogHandlers.CONSOLE, KeycloakServerConfigBuilder.LogHandlers.FILE);
        BUILD_OPTIONS.forEach((name, value) -> {
            if (name.equals("features")) {
                // The framework builds --features from its own list; an option of that name would be a second one.
                config.features(Arrays.stream(value.split(","))
                        .map(SsprServerConfig::feature)
                        .toArray(Profile.Feature[]::new));
            } else {
                config.option(name, value);
            }
        });
        return config.dependency("io.github.sspr", "keycloak-sspr")
                .option("hostname", HOSTNAME)
                .option("vault", "file")
                .option("vault-dir", vault.toString())
                .option("log-file", Artifacts.serverLog().toString())
                .spiOption("sspr-sms-sender", "twilio", "base-url", "http://localhost:" + TWILIO_PORT)
                .spiOption("sspr-sms-sender", "twilio", "account-sid", TWILIO_ACCOUNT_SID)
                .spiOption("sspr-sms-sender", "twilio", "auth-token-vault-key", "twilio-auth-token")
                .spiOption("sspr-sms-sender", "twilio", "from-number", TWILIO_FROM)
                .spiOption("sspr-sms-sender", "twilio", "timeout-millis", "5000")
                // SmsProviderFailureIT watches the breaker open and close; a short pause keeps it quick.
                .spiOption("sspr-send-guards", "default", "breaker-open-seconds", "2");
    }

    /** A feature by its command-line key ({@code declarative-ui}). */
    static Profile.Feature feature(String key) {
        return Arrays.stream(Profile.Feature.values())
                .filter(f -> f.getUnversionedKey().equals(key.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Keycloak feature " + key));
    }

    /** Keycloak's file vault: one file per secret, named {@code <realm>_<key>}. */
    private static Path prepareVault() {
        try {
            Path vault = Artifacts.dir().resolve("vault");
            Files.createDirectories(vault);
            Files.writeString(vault.resolve("demo_twilio-auth-token"), TWILIO_AUTH_TOKEN);
            return vault.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
