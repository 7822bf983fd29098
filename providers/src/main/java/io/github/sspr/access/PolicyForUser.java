package io.github.sspr.access;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.store.PrivilegedUsers;
import io.github.sspr.policy.store.SsprPolicies;
import java.util.Objects;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;

/**
 * The one place that answers "which policy applies to this user, and what may they do with it" in a request
 * (docs/architecture.md, "Who may reset"): it reads the realm's policy once per request, finds out whether the user is
 * enabled (group) and privileged (roles) and what they registered, and hands those facts to the pure rule
 * {@link ResetAccess#decide}. The reset flow, registration, the readiness report, helpdesk verification and admin reset
 * all ask it.
 */
public final class PolicyForUser {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SsprPolicy realmPolicy;

    private PolicyForUser(KeycloakSession session, RealmModel realm, SsprPolicy realmPolicy) {
        this.session = session;
        this.realm = realm;
        this.realmPolicy = realmPolicy;
    }

    /** The service for one request of {@code realm}. */
    public static PolicyForUser of(KeycloakSession session, RealmModel realm) {
        Objects.requireNonNull(realm, "realm");
        return new PolicyForUser(session, realm, SsprPolicies.forRequest(session, realm));
    }

    /**
     * The same rule over a policy that is not stored — a draft the admin is about to save — so that the impact
     * simulator asks exactly what the flows will ask once it is saved (docs/insight.md).
     */
    public static PolicyForUser draft(KeycloakSession session, RealmModel realm, SsprPolicy draft) {
        return new PolicyForUser(session, realm, Objects.requireNonNull(draft, "draft"));
    }

    /** Forgets the request's copy after the policy was saved, so that the rest of the request sees the new one. */
    public static void forget(KeycloakSession session, RealmModel realm) {
        SsprPolicies.forget(session, realm);
    }

    /** The realm's policy as saved (before any per-user rule). */
    public SsprPolicy realmPolicy() {
        return realmPolicy;
    }

    /** The policy an ordinary (not privileged) user gets: what the decoy path imitates. */
    public SsprPolicy ordinary() {
        return ResetAccess.effective(realmPolicy, false);
    }

    /** The policy in effect for {@code user} ({@code null}: an unknown user, who gets the ordinary policy). */
    public SsprPolicy policyFor(UserModel user) {
        return ResetAccess.effective(realmPolicy, user != null && PrivilegedUsers.isPrivileged(user));
    }

    /** The rule's answer for {@code user}, reading the user's credentials. */
    public ResetAccess forUser(UserModel user) {
        return forUser(user, RegisteredMethods.of(user));
    }

    /** The rule's answer for {@code user} whose credentials were already read. */
    public ResetAccess forUser(UserModel user, RegisteredMethods methods) {
        ResetAccess.Facts facts = new ResetAccess.Facts(
                enabled(user), PrivilegedUsers.isPrivileged(user), methods.held(), methods.phoneRegion());
        return ResetAccess.decide(realmPolicy, facts);
    }

    /**
     * Whether the policy switches SSPR on for {@code user}: everyone, nobody, or members (directly or through a
     * subgroup) of the policy's group, named by path ({@code /staff}) or id.
     */
    public boolean enabled(UserModel user) {
        return realmPolicy.isEnabledFor(group -> {
            if (group == null) {
                return false;
            }
            GroupModel model = group.startsWith("/")
                    ? KeycloakModelUtils.findGroupByPath(session, realm, group)
                    : realm.getGroupById(group);
            return model != null && RoleUtils.isMember(user.getGroupsStream(), model);
        });
    }
}
