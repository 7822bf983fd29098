package io.github.sspr.access;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.policy.SsprPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.UserStoragePrivateUtil;

/**
 * Reads a realm's users page by page and asks {@link PolicyForUser} about each (docs/insight.md): the not-ready list,
 * its counts and CSV, and the policy impact simulator all walk the users this way, so that none of them holds more
 * than one page of users in memory, whatever the realm's size.
 *
 * <p>Each page is read in a Keycloak session and transaction of its own, so the request's session (and its JPA
 * persistence context) never accumulates the users it has seen. Users are read from Keycloak's own store (imported
 * directory users included) in its stable order; a directory user who was never imported holds no recovery
 * credential and is not walked. Service accounts are left out: they have no password to reset.
 */
public final class UserWalk {

    /** Users per page (one transaction each). */
    public static final int PAGE = 200;

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final String groupId;

    /**
     * @param groupId only members of this group (directly or through a subgroup), or {@code null} for every user
     */
    public UserWalk(KeycloakSessionFactory factory, String realmId, String groupId) {
        this.factory = factory;
        this.realmId = realmId;
        this.groupId = groupId;
    }

    /**
     * One user as the walk saw them: their recovery credentials, the rule's answer under the stored policy and, if
     * asked, under a draft; {@code session} is the page's own (its transaction commits when the page is done).
     */
    public record Seen(
            UserModel user,
            RegisteredMethods methods,
            ResetAccess current,
            ResetAccess draft,
            KeycloakSession session) {}

    /** A page of results and the store position where the next page starts ({@code -1}: the store is done). */
    public record Page<T>(List<T> items, int next) {}

    /**
     * Reads users from store position {@code first} until {@code wanted} of them gave a result or {@code budget}
     * users were read, whichever comes first.
     *
     * @param draft a draft policy to ask as well ({@link Seen#draft}), or {@code null}
     * @param look what to keep of a user ({@code null}: nothing); runs inside the page's transaction
     */
    public <T> Page<T> walk(int first, int wanted, int budget, SsprPolicy draft, Function<Seen, T> look) {
        List<T> found = new ArrayList<>();
        int position = Math.max(0, first);
        int read = 0;
        while (found.size() < wanted && read < budget) {
            int start = position;
            int size = Math.min(PAGE, budget - read);
            PageRead<T> page = KeycloakModelUtils.runJobInTransactionWithResult(
                    factory, session -> readPage(session, start, size, wanted - found.size(), draft, look));
            found.addAll(page.kept());
            read += page.consumed();
            position += page.consumed();
            if (page.ended()) {
                return new Page<>(found, -1);
            }
        }
        return new Page<>(found, position);
    }

    private record PageRead<T>(List<T> kept, int consumed, boolean ended) {}

    private <T> PageRead<T> readPage(
            KeycloakSession session, int first, int size, int wanted, SsprPolicy draft, Function<Seen, T> look) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return new PageRead<>(List.of(), 0, true);
        }
        session.getContext().setRealm(realm);
        PolicyForUser stored = PolicyForUser.of(session, realm);
        PolicyForUser drafted = draft == null ? null : PolicyForUser.draft(session, realm, draft);
        // The group filter is applied to the store's own (username) order: Keycloak's group-member query has no stable
        // order to page by. isMemberOf counts subgroups, as the policy's enabled group does.
        GroupModel group = groupId == null ? null : realm.getGroupById(groupId);
        if (groupId != null && group == null) {
            return new PageRead<>(List.of(), 0, true);
        }
        List<UserModel> users = local(session)
                .searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, size)
                .toList();
        List<T> kept = new ArrayList<>();
        int consumed = 0;
        for (UserModel user : users) {
            consumed++;
            if (user.getServiceAccountClientLink() != null || (group != null && !user.isMemberOf(group))) {
                continue;
            }
            RegisteredMethods methods = RegisteredMethods.of(user);
            Seen seen = new Seen(
                    user,
                    methods,
                    stored.forUser(user, methods),
                    drafted == null ? null : drafted.forUser(user, methods),
                    session);
            T result = look.apply(seen);
            if (result != null) {
                kept.add(result);
                if (kept.size() >= wanted) {
                    // The next page starts right after this user, so that nobody is skipped or listed twice.
                    return new PageRead<>(kept, consumed, false);
                }
            }
        }
        return new PageRead<>(kept, consumed, users.size() < size);
    }

    private static UserProvider local(KeycloakSession session) {
        return UserStoragePrivateUtil.userLocalStorage(session);
    }
}
