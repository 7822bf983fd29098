package io.github.sspr.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The realm's administrators: enabled users of the realm who hold its {@code realm-admin} role (in the master realm:
 * the {@code admin} realm role) directly, through a composite role, or through a group or a parent group — and, when
 * the policy's {@code notifyUserManagers} asks for it, the holders of {@code manage-users}.
 *
 * <p>Why {@code realm-admin} by default and not {@code manage-users}: the rule (Entra's) tells the people who own the
 * realm; helpdesk staff with {@code manage-users} reset passwords all day and might learn to ignore the mail. A realm
 * whose helpdesk is its first line of defence turns the option on.
 *
 * <p>Keycloak has no "effective members of a role" query, so this looks up the holders of the role and of every realm
 * role that contains it, and the members of groups holding any of these (with their subgroups), then checks each
 * candidate with {@link UserModel#hasRole}. Every lookup is capped, so a misconfigured realm (say, default roles that
 * include realm-admin) costs a bounded amount of work and mails at most {@code cap} people.
 */
final class RealmAdmins {

    private static final int SCAN = 500;
    private static final int MAX_GROUP_DEPTH = 10;

    private RealmAdmins() {}

    /** Whether {@code user} is one of the realm's administrators in the sense above. */
    static boolean isAdmin(RealmModel realm, UserModel user, boolean includeUserManagers) {
        return user != null && adminRoles(realm, includeUserManagers).stream().anyMatch(user::hasRole);
    }

    static List<UserModel> of(KeycloakSession session, RealmModel realm, int cap, boolean includeUserManagers) {
        List<RoleModel> targets = adminRoles(realm, includeUserManagers);
        if (targets.isEmpty()) {
            return List.of();
        }
        Set<RoleModel> roles = new LinkedHashSet<>(targets);
        realm.getRolesStream()
                .filter(r -> r.isComposite() && targets.stream().anyMatch(r::hasRole))
                .forEach(roles::add);

        Map<String, UserModel> found = new LinkedHashMap<>();
        for (RoleModel role : roles) {
            session.users().getRoleMembersStream(realm, role, 0, SCAN).forEach(u -> found.putIfAbsent(u.getId(), u));
            Deque<GroupModel> groups = new ArrayDeque<>();
            session.groups().getGroupsByRoleStream(realm, role, 0, SCAN).forEach(groups::add);
            Set<String> seenGroups = new LinkedHashSet<>();
            int depthBudget = SCAN;
            while (!groups.isEmpty() && depthBudget-- > 0 && found.size() < SCAN) {
                GroupModel group = groups.poll();
                if (!seenGroups.add(group.getId()) || depth(group) > MAX_GROUP_DEPTH) {
                    continue;
                }
                session.users()
                        .getGroupMembersStream(realm, group, 0, SCAN)
                        .forEach(u -> found.putIfAbsent(u.getId(), u));
                group.getSubGroupsStream().forEach(groups::add);
            }
        }
        return found.values().stream()
                .filter(UserModel::isEnabled)
                .filter(u -> targets.stream().anyMatch(u::hasRole))
                .limit(cap)
                .toList();
    }

    /** realm-admin (master: admin), and manage-users when asked; realm-admin contains manage-users anyway. */
    private static List<RoleModel> adminRoles(RealmModel realm, boolean includeUserManagers) {
        if (Config.getAdminRealm().equals(realm.getName())) {
            RoleModel admin = realm.getRole(AdminRoles.ADMIN);
            return admin == null ? List.of() : List.of(admin);
        }
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return List.of();
        }
        List<RoleModel> roles = new ArrayList<>();
        RoleModel admin = management.getRole(AdminRoles.REALM_ADMIN);
        if (admin != null) {
            roles.add(admin);
        }
        RoleModel manageUsers = includeUserManagers ? management.getRole(AdminRoles.MANAGE_USERS) : null;
        if (manageUsers != null) {
            roles.add(manageUsers);
        }
        return roles;
    }

    private static int depth(GroupModel group) {
        int depth = 0;
        for (GroupModel g = group.getParent(); g != null && depth <= MAX_GROUP_DEPTH; g = g.getParent()) {
            depth++;
        }
        return depth;
    }
}
