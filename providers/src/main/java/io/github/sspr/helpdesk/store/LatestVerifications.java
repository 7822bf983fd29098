package io.github.sspr.helpdesk.store;

import java.util.Map;
import org.keycloak.models.KeycloakSession;

/**
 * Each user's latest helpdesk verification (who checked, when, which method, the result), kept in Keycloak's
 * cluster-wide single-use-object store for {@link #TTL_SECONDS}: long enough for the call, not a standing credential.
 * The helpdesk records it; the admin reset's "fresh verification" rule reads it.
 */
public final class LatestVerifications {

    /** How long the latest result is kept. */
    public static final long TTL_SECONDS = 8 * 60 * 60;

    private LatestVerifications() {}

    /** The latest verification ({@code result}, {@code time} in epoch millis, {@code method}, {@code adminId} …). */
    public static Map<String, String> of(KeycloakSession session, String realmId, String userId) {
        return session.singleUseObjects().get(key(realmId, userId));
    }

    /** Replaces the latest verification. */
    public static void record(KeycloakSession session, String realmId, String userId, Map<String, String> latest) {
        String key = key(realmId, userId);
        // Replaced in place when there is one: a remove and a put of one key in one transaction lose the put.
        if (!session.singleUseObjects().replace(key, Map.copyOf(latest))) {
            session.singleUseObjects().put(key, TTL_SECONDS, Map.copyOf(latest));
        }
    }

    private static String key(String realmId, String userId) {
        return "sspr:helpdesk-latest:" + realmId + ":" + userId;
    }
}
