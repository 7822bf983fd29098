package io.github.sspr.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP calls to Keycloak's admin REST API (and ours under it), with a bearer token. */
public final class AdminApi {

    public static final String BASE = "http://localhost:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public AdminApi(String token) {
        this(BASE, token);
    }

    /** Calls to the Keycloak at {@code base} (e.g. a server a test started itself on another port). */
    public AdminApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A token for a user of {@code realm} through the realm's public {@code admin-cli} client. */
    public static String passwordGrant(String realm, String username, String password) {
        return passwordGrant(BASE, realm, username, password);
    }

    /** As {@link #passwordGrant(String, String, String)}, on the server at {@code base}. */
    public static String passwordGrant(String base, String realm, String username, String password) {
        String form =
                "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Response response = send(HttpClient.newHttpClient(), request);
        if (response.status() != 200) {
            throw new IllegalStateException("Password grant for " + username + " failed: " + response.body());
        }
        return response.json().path("access_token").asText();
    }

    public Response postJson(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            return send(http, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response get(String path) {
        return send(http, authorized(path).GET().build());
    }

    public Response putJson(String path, Object body) {
        try {
            return send(
                    http,
                    authorized(path)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response delete(String path) {
        return send(http, authorized(path).DELETE().build());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60));
    }

    private static Response send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Status and body of a response. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }
}
