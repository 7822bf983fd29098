package io.github.sspr.it.support;

import java.util.Arrays;
import org.keycloak.admin.client.resource.RealmResource;

/** Grants a user roles of the realm's {@code realm-management} client (view-events, manage-users …). */
public final class RealmManagementRoles {

    private RealmManagementRoles() {}

    public static void grant(RealmResource realm, String userId, String... roles) {
        var realmManagement = realm.clients().findByClientId("realm-management").get(0);
        var reps = Arrays.stream(roles)
                .map(role -> realm.clients()
                        .get(realmManagement.getId())
                        .roles()
                        .get(role)
                        .toRepresentation())
                .toList();
        realm.users().get(userId).roles().clientLevel(realmManagement.getId()).add(reps);
    }
}
