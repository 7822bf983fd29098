package io.github.sspr.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.sspr.branding.Branding;
import io.github.sspr.policy.store.SsprPolicies;
import io.github.sspr.throttle.ThrottleRules;
import io.github.sspr.throttle.store.Throttle;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One policy read per request (issue 18, item 4): the policy-for-user rule, the throttle's rules, the branding and the
 * notifications of one request all take the request's one copy ({@link SsprPolicies#forRequest}); the next request
 * (a new session) reads again, and so does the rest of a request that saved the policy.
 */
class OnePolicyReadTest {

    /** A realm whose policy reads are counted (each read lists the realm's components). */
    private static RealmModel countingRealm(AtomicInteger reads) {
        return (RealmModel) Proxy.newProxyInstance(
                RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "getId" -> "realm-1";
                        case "getName", "getDisplayName" -> "demo";
                        case "getComponentsStream" -> {
                            reads.incrementAndGet();
                            yield Stream.empty();
                        }
                        case "hashCode" -> 1;
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    /** A session with attributes only: what a request's caches use. */
    private static KeycloakSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return (KeycloakSession) Proxy.newProxyInstance(
                KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class},
                (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "getAttribute" ->
                            args.length == 2
                                    ? ((Class<?>) args[1]).cast(attributes.get((String) args[0]))
                                    : attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void everyReaderOfOneRequestSharesOneRead() {
        AtomicInteger reads = new AtomicInteger();
        RealmModel realm = countingRealm(reads);
        KeycloakSession request = session();

        PolicyForUser policies = PolicyForUser.of(request, realm);
        ThrottleRules rules = Throttle.rulesFor(request, realm);
        Branding branding = Branding.forRealm(request, realm);
        assertSame(policies.realmPolicy(), SsprPolicies.forRequest(request, realm));
        assertSame(policies.realmPolicy(), PolicyForUser.of(request, realm).realmPolicy());
        assertEquals(ThrottleRules.defaults(), rules);
        assertEquals("demo", branding.getOrgName());
        assertEquals(1, reads.get(), "one read of the policy for the whole request");

        SsprPolicies.forRequest(session(), realm);
        assertEquals(2, reads.get(), "the next request reads again");

        SsprPolicies.forget(request, realm);
        PolicyForUser.of(request, realm);
        assertEquals(3, reads.get(), "after a save, the rest of the request reads the new policy");
    }
}
