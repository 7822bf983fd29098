package io.github.sspr.policy.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.store.PrivilegedUsers.RoleView;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

class PrivilegedUsersTest {

    private static RoleView realmRoles(String... names) {
        return new RoleView(Set.of(names), Map.of());
    }

    private static RoleView clientRoles(String clientId, String... names) {
        return new RoleView(Set.of(), Map.of(clientId, Set.of(names)));
    }

    @Test
    void realmManagementAdminRolesArePrivileged() {
        assertTrue(PrivilegedUsers.isPrivileged(clientRoles("realm-management", "realm-admin")));
        assertTrue(PrivilegedUsers.isPrivileged(clientRoles("realm-management", "view-users", "manage-users")));
        assertTrue(PrivilegedUsers.isPrivileged(clientRoles("realm-management", "manage-realm")));
    }

    @Test
    void masterRealmAdminsArePrivileged() {
        assertTrue(PrivilegedUsers.isPrivileged(realmRoles("admin")));
        assertTrue(PrivilegedUsers.isPrivileged(clientRoles("demo-realm", "manage-users")));
    }

    @Test
    void ordinaryRolesAreNot() {
        assertFalse(PrivilegedUsers.isPrivileged(realmRoles("offline_access", "uma_authorization", "user")));
        assertFalse(PrivilegedUsers.isPrivileged(clientRoles("realm-management", "view-users", "query-groups")));
        assertFalse(PrivilegedUsers.isPrivileged(clientRoles("account", "manage-account")));
        assertFalse(PrivilegedUsers.isPrivileged(clientRoles("my-app", "manage-users")));
        assertFalse(PrivilegedUsers.isPrivileged(new RoleView(Set.of(), Map.of())));
    }

    @Test
    void theAdapterSeesRolesThroughCompositesAndGroups() {
        RoleModel manageUsers = role("manage-users", client("realm-management"));
        RoleModel helpdesk = role("helpdesk", null, manageUsers);
        GroupModel support = group(helpdesk);

        UserModel viaGroup = user(List.of(role("user", null)), List.of(support));
        UserModel plain = user(List.of(role("user", null), role("view-users", client("realm-management"))), List.of());

        assertTrue(PrivilegedUsers.isPrivileged(viaGroup));
        assertFalse(PrivilegedUsers.isPrivileged(plain));
        assertEquals(
                Map.of("realm-management", Set.of("manage-users")),
                PrivilegedUsers.viewOf(viaGroup).clientRoles());
        assertEquals(
                Set.of("user", "helpdesk"), PrivilegedUsers.viewOf(viaGroup).realmRoles());
    }

    // Minimal Keycloak models: only the methods RoleUtils.getDeepUserRoleMappings calls.

    private static ClientModel client(String clientId) {
        return proxy(ClientModel.class, (name, args) -> name.equals("getClientId") ? clientId : unsupported(name));
    }

    private static RoleModel role(String roleName, ClientModel client, RoleModel... composites) {
        RealmModel realm = proxy(RealmModel.class, (name, args) -> unsupported(name));
        return proxy(RoleModel.class, (name, args) -> {
            switch (name) {
                case "getName":
                    return roleName;
                case "isClientRole":
                    return client != null;
                case "getContainer":
                    return client != null ? client : realm;
                case "isComposite":
                    return composites.length > 0;
                case "getCompositesStream":
                    return Stream.of(composites);
                default:
                    return unsupported(name);
            }
        });
    }

    private static GroupModel group(RoleModel... roles) {
        return proxy(GroupModel.class, (name, args) -> {
            switch (name) {
                case "getRoleMappingsStream":
                    return Stream.of(roles);
                case "getParent":
                case "getParentId":
                    return null;
                default:
                    return unsupported(name);
            }
        });
    }

    private static UserModel user(List<RoleModel> roles, List<GroupModel> groups) {
        return proxy(UserModel.class, (name, args) -> {
            switch (name) {
                case "getRoleMappingsStream":
                    return roles.stream();
                case "getGroupsStream":
                    return groups.stream();
                default:
                    return unsupported(name);
            }
        });
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(
                PrivilegedUsersTest.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                    switch (method.getName()) {
                        case "equals":
                            return self == args[0];
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "toString":
                            return type.getSimpleName() + "@" + System.identityHashCode(self);
                        default:
                            return handler.handle(method.getName(), args);
                    }
                });
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException(method);
    }
}
