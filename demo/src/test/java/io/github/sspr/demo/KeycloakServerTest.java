package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakServerTest {

    @TempDir
    Path root;

    @Test
    void startsDevModeWithTheImportMetricsAndTheDevSmsSink() {
        List<String> command = KeycloakServer.command(Path.of("/r/.demo/keycloak"), Path.of("/r/.demo/outbox.jsonl"));

        assertEquals(
                List.of(
                        "bash",
                        "/r/.demo/keycloak/bin/kc.sh",
                        "start-dev",
                        "--import-realm",
                        "--features=declarative-ui",
                        "--metrics-enabled=true",
                        "--health-enabled=true",
                        "--http-port=8080",
                        "--spi-sspr-sms-sender--dev--enabled=true",
                        "--spi-sspr-sms-sender--provider=dev",
                        "--spi-sspr-sms-sender--dev--outbox=/r/.demo/outbox.jsonl"),
                command);
    }

    @Test
    void environmentSetsTheBootstrapAdminAndDropsStrayKeycloakSettings() {
        Map<String, String> env = KeycloakServer.environment(
                Map.of("PATH", "/usr/bin", "KC_DB", "postgres", "QUARKUS_HTTP_PORT", "1", "JAVA_HOME", "/old"),
                "/jdk17");

        assertEquals("admin", env.get("KC_BOOTSTRAP_ADMIN_USERNAME"));
        assertEquals("admin", env.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        assertEquals("/jdk17", env.get("JAVA_HOME"));
        assertEquals("/usr/bin", env.get("PATH"));
        assertFalse(env.containsKey("KC_DB"));
        assertFalse(env.containsKey("QUARKUS_HTTP_PORT"));
    }

    @Test
    void prepareHomeStartsFromAFreshCopyWithOnlyTheJarAndTheRealm() throws Exception {
        Path dist = Files.createDirectories(root.resolve("demo/target/keycloak-26.7.3"));
        Files.createDirectories(dist.resolve("bin"));
        Files.writeString(dist.resolve("bin/kc.sh"), "#!/bin/bash\n");
        Files.createDirectories(dist.resolve("providers"));
        Files.writeString(dist.resolve("providers/README.md"), "providers");
        Files.createDirectories(root.resolve("realm-exports"));
        Files.writeString(root.resolve("realm-exports/demo-realm.json"), "{\"realm\":\"demo\"}");
        Files.writeString(root.resolve("realm-exports/demo-users.ldif"), "");
        Files.createDirectories(root.resolve("dist/target"));
        Files.writeString(root.resolve("dist/target/keycloak-sspr-0.1.0-SNAPSHOT.jar"), "jar");
        Files.writeString(root.resolve("dist/target/original-keycloak-sspr-0.1.0-SNAPSHOT.jar"), "not this");
        DemoLayout layout = DemoLayout.resolve(root, "demo/target/keycloak-26.7.3");

        // What an earlier run left behind: a database and a provider that is no longer wanted.
        Path home = layout.keycloakHome();
        Files.createDirectories(home.resolve("data/h2"));
        Files.writeString(home.resolve("data/h2/keycloakdb.mv.db"), "old");
        Files.createDirectories(home.resolve("providers"));
        Files.writeString(home.resolve("providers/stale.jar"), "old");

        KeycloakServer server =
                new KeycloakServer(layout, new Console(new PrintStream(OutputStream.nullOutputStream())));
        server.prepareHome();

        assertFalse(Files.exists(home.resolve("data/h2")));
        assertTrue(Files.isRegularFile(home.resolve("bin/kc.sh")));
        assertEquals("{\"realm\":\"demo\"}", Files.readString(home.resolve("data/import/demo-realm.json")));
        try (Stream<Path> providers = Files.list(home.resolve("providers"))) {
            assertEquals(
                    List.of("README.md", "keycloak-sspr-0.1.0-SNAPSHOT.jar"),
                    providers.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // The unpacked distribution itself is never written to.
        try (Stream<Path> providers = Files.list(dist.resolve("providers"))) {
            assertEquals(1, providers.count());
        }
    }
}
