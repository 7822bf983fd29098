package io.github.sspr.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.policy.store.UnlockLink;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.RealmModel;

class UnlockLinkTest {

    /** A realm that only keeps attributes, and counts writes. */
    private static final class Attributes {
        final Map<String, String> values = new HashMap<>();
        int writes;
        final RealmModel realm = (RealmModel) Proxy.newProxyInstance(
                RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAttribute" -> {
                            return values.get((String) args[0]);
                        }
                        case "setAttribute" -> {
                            writes++;
                            values.put((String) args[0], String.valueOf(args[1]));
                            return null;
                        }
                        case "removeAttribute" -> {
                            writes++;
                            values.remove((String) args[0]);
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @ParameterizedTest(name = "[{index}] unlock={0}, enabled={1}, before={2} -> {3} ({4} writes)")
    @CsvSource(
            nullValues = "none",
            value = {
                "true,  all,   none, true, 1",
                "true,  all,   true, true, 0",
                "false, all,   true, none, 1",
                "false, all,   none, none, 0",
                "true,  off,   true, none, 1",
                "true,  group, none, true, 1",
            })
    void theRealmAttributeFollowsThePolicy(boolean unlock, String enabled, String before, String after, int writes) {
        Attributes realm = new Attributes();
        if (before != null) {
            realm.values.put(UnlockLink.ATTRIBUTE, before);
        }
        Map<String, List<String>> config = new HashMap<>();
        config.put(SsprPolicyConfig.SELF_SERVICE_UNLOCK, List.of(Boolean.toString(unlock)));
        config.put(SsprPolicyConfig.ENABLED, List.of(enabled));
        if (enabled.equals("group")) {
            config.put(SsprPolicyConfig.ENABLED_GROUP, List.of("/staff"));
        }
        UnlockLink.sync(realm.realm, StoredPolicy.read(config));
        assertEquals(after, realm.values.get(UnlockLink.ATTRIBUTE));
        assertEquals(writes, realm.writes);
    }
}
