package io.github.sspr.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few admin REST calls the launcher makes once Keycloak is up, as the bootstrap admin through {@code admin-cli}
 * (a password grant in the master realm).
 */
final class KeycloakAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final URI base;
    private final String token;

    private KeycloakAdmin(ObjectMapper json, URI base, String token) {
        this.json = json;
        this.base = base;
        this.token = token;
    }

    /** Signs in to the master realm; the token lives a minute, which is all the launcher needs. */
    static KeycloakAdmin signIn(ObjectMapper json, URI base, String username, String password)
            throws IOException, InterruptedException, DemoException {
        String form = "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new DemoException(
                    "The admin sign-in to the master realm was refused (HTTP " + response.statusCode() + ").");
        }
        String token = json.readTree(response.body()).path("access_token").asText("");
        if (token.isEmpty()) {
            throw new DemoException("The master realm's token endpoint answered without an access token.");
        }
        return new KeycloakAdmin(json, base, token);
    }

    /** The internal id of a realm (components name it as their parent). */
    String realmId(String realm) throws IOException, InterruptedException, DemoException {
        HttpResponse<String> response = send("GET", "/admin/realms/" + realm, null);
        expect(response, 200, "GET /admin/realms/" + realm);
        return json.readTree(response.body()).path("id").asText();
    }

    /** Creates a component in the realm; returns its id, which Keycloak gives only in the Location header. */
    String addComponent(String realm, JsonNode component) throws IOException, InterruptedException, DemoException {
        String path = "/admin/realms/" + realm + "/components";
        HttpResponse<String> response = send("POST", path, json.writeValueAsString(component));
        expect(response, 201, "POST " + path);
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new DemoException("POST " + path + " answered 201 without a Location header."));
        return lastSegment(location);
    }

    /** POST without a body, answer as JSON (e.g. the sspr-ldap connection test). */
    JsonNode post(String path) throws IOException, InterruptedException, DemoException {
        HttpResponse<String> response = send("POST", path, null);
        expect(response, 200, "POST " + path);
        return json.readTree(response.body());
    }

    /** PUT a JSON body; the answer's status must be 200 or 204. */
    void put(String path, JsonNode body) throws IOException, InterruptedException, DemoException {
        HttpResponse<String> response = send("PUT", path, json.writeValueAsString(body));
        if (response.statusCode() != 204) {
            expect(response, 200, "PUT " + path);
        }
    }

    /** The last path segment of a Location URL: {@code …/components/<id>} gives {@code <id>}. */
    static String lastSegment(String location) {
        String path = URI.create(location).getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String call) throws DemoException {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new DemoException(call + " answered HTTP " + response.statusCode()
                    + (body == null || body.isBlank() ? "" : ": " + abbreviate(body)));
        }
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 300) + " …";
    }
}
