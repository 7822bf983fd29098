package io.github.sspr.it.support;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Fresh local users for one test, so tests never depend on each other's registrations. */
public final class DemoUsers {

    public static final String PASSWORD = "Fresh-Passw0rd!";

    private DemoUsers() {}

    /** A new enabled user with a verified account email and {@link #PASSWORD}; returns the user's id. */
    public static Created create(RealmResource realm, String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@demo.sspr.test");
        user.setEmailVerified(true);
        user.setFirstName("Test");
        user.setLastName(prefix);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Cannot create " + username + ": " + response.getStatus());
            }
            String location = response.getLocation().getPath();
            return new Created(location.substring(location.lastIndexOf('/') + 1), username, user.getEmail());
        }
    }

    /** A created user. */
    public record Created(String id, String username, String email) {}
}
