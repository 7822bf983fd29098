package io.github.sspr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sspr.it.support.StandaloneKeycloak;
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
 * <p>This server is independent of the test framework's: other ports (8180/9180), its own copy of the distribution
 * ({@link StandaloneKeycloak}).
 */
class DropInJarIT {

    private static final int HTTP_PORT = StandaloneKeycloak.HTTP_PORT;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Warnings Keycloak itself prints on a plain start; anything else fails the test. */
    private static final List<Pattern> STANDARD_WARNINGS = List.of(
            Pattern.compile(
                    ".*KC-SERVICES0047: sspr[a-z-]* \\(io\\.github\\.sspr\\..*is implementing the internal SPI.*"),
            Pattern.compile(".*Deprecated features .* enabled by default.*"),
            // The SSPR policy page needs Keycloak's declarative admin-UI SPI, experimental in 26.7.
            Pattern.compile(".*Experimental features enabled: declarative-ui.*"));

    private static StandaloneKeycloak keycloak;
    private static Path buildLog;
    private static Path startLog;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void installBuildAndStart() throws Exception {
        try (Stream<Path> jars = Files.list(StandaloneKeycloak.unpacked().resolve("providers"))) {
            assertEquals(
                    List.of(), jars.filter(p -> p.toString().endsWith(".jar")).toList(), "a fresh dist");
        }
        keycloak = StandaloneKeycloak.freshCopy("dropin").buildAndStart("--features=declarative-ui");
        buildLog = keycloak.buildLog();
        startLog = keycloak.startLog();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (keycloak != null) {
            keycloak.close();
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
