package io.github.sspr.ldap;

import java.util.Map;
import org.keycloak.connections.infinispan.InfinispanConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Where the last writeback of each component is kept: one entry per component in Keycloak's single-use-object store,
 * which every node of the cluster shares (docs/cluster.md). The entry is written straight to the store, not with the
 * request's transaction: a refused writeback rolls the request back, and that is exactly the outcome an admin must see.
 */
public final class WritebackHealthStore {

    private static final String PREFIX = "sspr:writeback:";
    /** A record outlives any reasonable gap between password changes; it is replaced at each writeback. */
    private static final long TTL_SECONDS = 30L * 24 * 60 * 60;

    private WritebackHealthStore() {}

    static void record(KeycloakSession session, String componentId, WritebackHealth health) {
        SingleUseObjectProvider store = session.singleUseObjects();
        String key = PREFIX + componentId;
        Map<String, String> notes = health.toNotes();
        // replace and putIfAbsent act on the cache at once (put would wait for the commit); of two nodes writing at
        // the same moment one record wins, which is all "last" can mean.
        if (!store.replace(key, notes)) {
            store.putIfAbsent(key, TTL_SECONDS);
            store.replace(key, notes);
        }
    }

    /** The component's last writeback in the cluster, or {@link WritebackHealth#UNKNOWN}. */
    public static WritebackHealth read(KeycloakSession session, String componentId) {
        return WritebackHealth.fromNotes(session.singleUseObjects().get(PREFIX + componentId));
    }

    /** When the component is removed. */
    static void forget(KeycloakSession session, String componentId) {
        session.singleUseObjects().remove(PREFIX + componentId);
    }

    /** This node's name in the cluster (Keycloak's {@code spi-cache-embedded-default-node-name}), or null. */
    static String nodeName(KeycloakSession session) {
        InfinispanConnectionProvider infinispan = session.getProvider(InfinispanConnectionProvider.class);
        return infinispan == null || infinispan.getNodeInfo() == null
                ? null
                : infinispan.getNodeInfo().nodeName();
    }
}
