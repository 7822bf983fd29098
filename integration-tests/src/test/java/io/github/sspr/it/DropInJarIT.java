package io.github.sspr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sspr.it.support.Artifacts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an admin does with a release: a fresh, unpacked Keycloak, only our JAR in {@code providers/},
 * {@code kc.sh build}, then {@code kc.sh start --optimized}. It runs twice in {@code mvn verify}: on 26.7.3 and on the
 * oldest supported release, 26.5.6 ({@code sspr.dropin.keycloak} names the unpacked distribution; docs/operations.md,
 * "Supported Keycloak versions"). The server must list every provider of ours and log no
 * ERROR, and no WARN but Keycloak's standard ones (KC-SERVICES0047 for providers of internal SPIs among them).
 *
 * <p>This server is independent of the test framework's: other ports (8180/9180), its own folder.
 */
class DropInJarIT {

    private static final int HTTP_PORT = 8180;
    private static final int MANAGEMENT_PORT = 9180;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Warnings Keycloak itself prints on a plain start; anything else fails the test. */
    private static final List<Pattern> STANDARD_WARNINGS = List.of(
            Pattern.compile(
                    ".*KC-SERVICES0047: sspr[a-z-]* \\(io\\.github\\.sspr\\..*is implementing the internal SPI.*"),
            Pattern.compile(".*Deprecated features .* enabled by default.*"),
            // The SSPR policy page needs Keycloak's declarative admin-UI SPI, experimental in 26.7.
            Pattern.compile(".*Experimental features enabled: declarative-ui.*"));

    private static Path home;
    private static Path buildLog;
    private static Path startLog;
    private static Process server;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void installBuildAndStart() throws Exception {
        Path unpacked = Path.of(System.getProperty("sspr.dropin.keycloak", "target/dropin"));
        try (Stream<Path> entries = Files.list(unpacked)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No unpacked Keycloak under " + unpacked))
                    .toAbsolutePath();
        }
        Path providers = home.resolve("providers");
        try (Stream<Path> jars = Files.list(providers)) {
            assertEquals(
                    List.of(), jars.filter(p -> p.toString().endsWith(".jar")).toList(), "a fresh dist");
        }
        Files.copy(Artifacts.distJar(), providers.resolve(Artifacts.distJar().getFileName()));
        Files.setPosixFilePermissions(
                home.resolve("bin/kc.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        buildLog = Artifacts.dir().resolve("dropin-build.log");
        startLog = Artifacts.dir().resolve("dropin-start.log");
        Process build = kc(buildLog, "build", "--features=declarative-ui").start();
        assertTrue(build.waitFor(5, TimeUnit.MINUTES), "kc.sh build did not finish in 5 minutes");
        assertEquals(0, build.exitValue(), "kc.sh build failed, see " + buildLog);

        server = kc(
                        startLog,
                        "start",
                        "--optimized",
                        "--http-enabled=true",
                        "--http-port=" + HTTP_PORT,
                        "--http-management-port=" + MANAGEMENT_PORT,
                        "--hostname-strict=false")
                .start();
        waitUntilReady();
    }

    private static ProcessBuilder kc(Path log, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        return builder;
    }

    /** Polls (bounded, 3 minutes) until the master realm answers: the server is up, or it died and we say why. */
    private static void waitUntilReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError(
                        "Keycloak exited with " + server.exitValue() + ": " + Files.readString(startLog));
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/realms/master"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // connection refused while Keycloak boots
            }
            server.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("Keycloak did not answer within 3 minutes, see " + startLog);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyProviderOfOursIsListedInServerInfo() throws Exception {
        String token = adminToken();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/admin/serverinfo"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode providers = JSON.readTree(response.body()).path("providers");
        ProvidersDeployedIT.OUR_PROVIDERS.forEach((spi, ids) -> {
            for (String id : ids) {
                assertTrue(
                        providers.path(spi).path("providers").has(id),
                        spi + "/" + id + " missing; has " + providers.path(spi).path("providers"));
            }
        });
        JsonNode loginThemes = JSON.readTree(response.body()).path("themes").path("login");
        assertTrue(loginThemes.toString().contains("\"name\":\"sspr\""), "login theme sspr missing");
    }

    @Test
    void theLogsHaveNoErrorAndOnlyKeycloaksStandardWarnings() throws IOException {
        for (Path log : List.of(buildLog, startLog)) {
            List<String> lines = Files.readAllLines(log);
            List<String> errors =
                    lines.stream().filter(l -> l.contains(" ERROR ")).toList();
            assertEquals(List.of(), errors, "ERROR lines in " + log.getFileName());
            List<String> unexpected = lines.stream()
                    .filter(l -> l.contains(" WARN "))
                    .filter(l -> STANDARD_WARNINGS.stream()
                            .noneMatch(p -> p.matcher(l).matches()))
                    .toList();
            assertEquals(List.of(), unexpected, "unexpected warnings in " + log.getFileName());
        }
        assertTrue(
                Files.readString(buildLog).contains("KC-SERVICES0047: sspr"),
                "the build step saw our admin REST extension");
    }

    private static String adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + HTTP_PORT + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }
}
