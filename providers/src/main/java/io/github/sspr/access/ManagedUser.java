package io.github.sspr.access;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** The user an admin acts on, after the {@code manage-users} check on that user (403 otherwise). */
public final class ManagedUser {

    private ManagedUser() {}

    /**
     * The user, once the caller may manage them. An unknown id answers 404 only to admins who may list users and 403
     * to everyone else, as Keycloak's own user endpoints do, so ids cannot be probed without permission.
     */
    public static UserModel require(
            KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            if (auth.users().canQuery()) {
                throw new NotFoundException("User not found");
            }
            throw new ForbiddenException();
        }
        auth.users().requireManage(user);
        return user;
    }
}
