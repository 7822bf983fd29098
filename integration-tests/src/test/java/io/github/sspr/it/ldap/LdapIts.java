package io.github.sspr.it.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Artifacts;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the LDAP integration tests do alike: vault secrets, the component, password grants, admin calls, lookups. */
final class LdapIts {

    private LdapIts() {}

    /** Writes {@code secret} to Keycloak's file vault as {@code ${vault.key}} of {@code realmName}. */
    static void vault(String realmName, String key, String secret) {
        try {
            Path vault = Artifacts.dir().resolve("vault");
            Files.createDirectories(vault);
            Files.writeString(vault.resolve(realmName + "_" + key), secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds an enabled {@code sspr-ldap} component with {@code config} to the realm; returns its id. */
    static String addComponent(ManagedRealm realm, String name, Map<String, String> config) {
        ComponentRepresentation rep = new ComponentRepresentation();
        rep.setName(name);
        rep.setProviderId("sspr-ldap");
        rep.setProviderType("org.keycloak.storage.UserStorageProvider");
        rep.setParentId(realm.getId());
        MultivaluedHashMap<String, String> values = new MultivaluedHashMap<>();
        values.putSingle("enabled", "true");
        config.forEach(values::putSingle);
        rep.setConfig(values);
        try (Response response = realm.admin().components().add(rep)) {
            assertEquals(201, response.getStatus());
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    /** The token endpoint's status for a password grant (admin-cli): 200, or 400 (invalid_grant) when refused. */
    static int grant(String realmName, String username, String password) {
        String form =
                "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(AdminApi.BASE + "/realms/" + realmName + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            return HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin REST call under {@code /admin/realms/{realm}} that must answer 200; its JSON body. */
    static JsonNode adminCall(Keycloak admin, String realmName, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(AdminApi.BASE + "/admin/realms/" + realmName + path))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    /** The user from Keycloak's own store only: a plain list does not ask the directory. */
    static Optional<UserRepresentation> listed(ManagedRealm realm, String username) {
        return realm.admin().users().list(0, 1000).stream()
                .filter(u -> username.equals(u.getUsername()))
                .findFirst();
    }

    /** An admin's password reset through the admin API (throws BadRequestException when refused). */
    static void reset(ManagedRealm realm, String userId, String password, boolean temporary) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(temporary);
        realm.admin().users().get(userId).resetPassword(credential);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
