package io.github.sspr.notify;

import java.util.ArrayDeque;
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
 * the {@code admin} realm role) directly, through a composite role, or through a group or a parent group.
 *
 * <p>Why {@code realm-admin} and not {@code manage-users}: the rule (Entra's) tells the people who own the realm;
 * helpdesk staff with {@code manage-users} reset passwords all day and would learn to ignore the mail.
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

    static List<UserModel> of(KeycloakSession session, RealmModel realm, int cap) {
        RoleModel admin = adminRole(realm);
        if (admin == null) {
            return List.of();
        }
        Set<RoleModel> roles = new LinkedHashSet<>();
        roles.add(admin);
        realm.getRolesStream().filter(r -> r.isComposite() && r.hasRole(admin)).forEach(roles::add);

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
                .filter(u -> u.hasRole(admin))
                .limit(cap)
                .toList();
    }

    private static RoleModel adminRole(RealmModel realm) {
        if (Config.getAdminRealm().equals(realm.getName())) {
            return realm.getRole(AdminRoles.ADMIN);
        }
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return management == null ? null : management.getRole(AdminRoles.REALM_ADMIN);
    }

    private static int depth(GroupModel group) {
        int depth = 0;
        for (GroupModel g = group.getParent(); g != null && depth <= MAX_GROUP_DEPTH; g = g.getParent()) {
            depth++;
        }
        return depth;
    }
}
