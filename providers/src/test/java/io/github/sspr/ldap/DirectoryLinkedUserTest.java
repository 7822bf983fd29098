package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

/** Keycloak's update-password required action mirrored to the directory's must-change flag. */
class DirectoryLinkedUserTest {

    private final Set<String> actions = new LinkedHashSet<>();
    private final List<Boolean> writes = new ArrayList<>();
    private final UserModel user =
            new DirectoryLinkedUser(fakeUser(actions), (u, mustChange) -> writes.add(mustChange));

    @Test
    void adminTemporaryPasswordSetsTheFlagOnce() {
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        user.addRequiredAction("UPDATE_PASSWORD"); // already pending: no second write
        assertEquals(List.of(true), writes);
        assertEquals(Set.of("UPDATE_PASSWORD"), actions);
    }

    @Test
    void theUsersOwnChangeClearsItOnlyWhenItWasPending() {
        user.removeRequiredAction(
                UserModel.RequiredAction.UPDATE_PASSWORD); // admin's non-temporary reset, none pending
        assertEquals(List.of(), writes);
        user.addRequiredAction("UPDATE_PASSWORD");
        user.removeRequiredAction("UPDATE_PASSWORD");
        assertEquals(List.of(true, false), writes);
        assertEquals(Set.of(), actions);
    }

    @Test
    void otherRequiredActionsAreNotMirrored() {
        user.addRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
        user.removeRequiredAction("VERIFY_EMAIL");
        user.addRequiredAction("sspr-register");
        assertEquals(List.of(), writes);
        assertEquals(Set.of("sspr-register"), actions);
    }

    /** Just enough of a UserModel: required actions in a set. */
    private static UserModel fakeUser(Set<String> actions) {
        return (UserModel) Proxy.newProxyInstance(
                UserModel.class.getClassLoader(), new Class<?>[] {UserModel.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getRequiredActionsStream":
                            return new ArrayList<>(actions).stream();
                        case "addRequiredAction":
                            actions.add(args[0] instanceof UserModel.RequiredAction a ? a.name() : (String) args[0]);
                            return null;
                        case "removeRequiredAction":
                            actions.remove(args[0] instanceof UserModel.RequiredAction a ? a.name() : (String) args[0]);
                            return null;
                        case "getId":
                            return "id-1";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
