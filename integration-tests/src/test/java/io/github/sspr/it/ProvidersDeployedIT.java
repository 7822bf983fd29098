package io.github.sspr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.Artifacts;
import io.github.sspr.it.support.OldestKeycloakServer;
import io.github.sspr.it.support.SsprServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.SpiInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** The suite's server runs the packaged JAR, and every provider in it is registered with Keycloak. */
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ProvidersDeployedIT {

    /** SPI name → provider ids of ours. Adding a provider to the JAR without listing it here fails the test. */
    static final Map<String, Set<String>> OUR_PROVIDERS = Map.ofEntries(
            Map.entry("sspr-sms-sender", Set.of("twilio")),
            Map.entry("admin-realm-restapi-extension", Set.of("sspr")),
            Map.entry("realm-restapi-extension", Set.of("sspr-dashboard", "sspr")),
            Map.entry("ui-page", Set.of("sspr-policy")),
            Map.entry("storage", Set.of("sspr-ldap")),
            Map.entry("sspr-activity-store", Set.of("jpa")),
            Map.entry("sspr-send-guards", Set.of("default")),
            Map.entry("jpa-entity-provider", Set.of("sspr-activity")),
            Map.entry("eventsListener", Set.of("sspr-activity", "sspr-notify")),
            Map.entry("credential", Set.of("sspr-recovery-phone", "sspr-recovery-email", "sspr-security-questions")),
            Map.entry("required-action", Set.of("sspr-register", "sspr-change-password")),
            Map.entry("actionTokenHandler", Set.of("sspr-admin-reset")),
            Map.entry(
                    "authenticator",
                    Set.of("sspr-reset-identify", "sspr-reset-gates", "sspr-reset-password", "sspr-reset-unlock")));

    /** Factories that exist in the JAR but are switched off unless configured (the dev SMS sink). */
    static final int DISABLED_BY_DEFAULT = 1;

    @InjectAdminClient
    Keycloak admin;

    @Test
    void everyProviderInTheJarIsRegistered() throws IOException {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();
        OUR_PROVIDERS.forEach((spi, ids) -> {
            SpiInfoRepresentation spiInfo = info.getProviders().get(spi);
            assertNotNull(spiInfo, "SPI " + spi + " missing from server info");
            assertTrue(
                    spiInfo.getProviders().keySet().containsAll(ids),
                    spi + " lacks " + ids + "; has " + spiInfo.getProviders().keySet());
        });
        // The dev sink holds codes in clear: it must not exist unless an admin switches it on.
        assertFalse(info.getProviders().get("sspr-sms-sender").getProviders().containsKey("dev"));

        int listed = OUR_PROVIDERS.values().stream().mapToInt(Set::size).sum() + DISABLED_BY_DEFAULT;
        assertEquals(factoriesDeclaredIn(Artifacts.distJar()), listed, "providers in the JAR vs. listed here");
    }

    @Test
    void ourThemesAreAvailable() {
        Map<String, List<ThemeInfoRepresentation>> themes =
                admin.serverInfo().getInfo().getThemes();
        for (String type : List.of("login", "email")) {
            Set<String> names = themes.get(type).stream()
                    .map(ThemeInfoRepresentation::getName)
                    .collect(Collectors.toSet());
            assertTrue(names.contains("sspr"), type + " themes: " + names);
        }
    }

    @Test
    void theServerRunsThePackagedJarByteForByte() throws Exception {
        // The framework's server installs it as <groupId>__<artifactId>.jar; the 26.5 server keeps the JAR's name.
        Path deployed = OldestKeycloakServer.deployedJar()
                .orElseGet(() -> Path.of("/tmp/kc-test-framework/keycloak")
                        .toFile()
                        .listFiles()[0]
                        .toPath()
                        .resolve("providers/io.github.sspr__keycloak-sspr.jar"));
        assertTrue(Files.isRegularFile(deployed), "not deployed: " + deployed);
        assertEquals(sha256(Artifacts.distJar()), sha256(deployed));
    }

    private static int factoriesDeclaredIn(Path jar) throws IOException {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            return jarFile.stream()
                    .filter(e -> e.getName().startsWith("META-INF/services/org.keycloak.")
                            || e.getName().startsWith("META-INF/services/io.github.sspr."))
                    .filter(e -> !e.getName().equals("META-INF/services/org.keycloak.provider.Spi"))
                    .mapToInt(e -> {
                        try (InputStream in = jarFile.getInputStream(e)) {
                            return (int) new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                    .lines()
                                    .map(String::strip)
                                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                                    .count();
                        } catch (IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    })
                    .sum();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
