package io.github.sspr.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sspr.access.rule.RecoveryFindings;
import io.github.sspr.policy.store.SsprPolicies;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.timer.ScheduledTask;

/**
 * Recovery-data quality (docs/insight.md, "Recovery-data quality"): walks a realm's users ({@link UserWalk}), feeds
 * each to the pure {@link RecoveryFindings}, and keeps the result — counts and a few usernames per finding, never a
 * phone number or address — in Keycloak's single-use-object store under {@code sspr:quality:<realm id>}, where every
 * node reads the same one. As a {@link ScheduledTask} it runs through {@code spi.OncePerCluster} (one node of a cluster
 * per interval) over every realm that has an SSPR policy.
 */
public final class RecoveryQuality implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(RecoveryQuality.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "sspr:quality:";
    private static final String NOTE = "json";

    /** Users named per finding. */
    public static final int SAMPLE = 25;

    private final int sharedThreshold;
    private final Duration interval;

    /**
     * @param sharedThreshold accounts per phone or mailbox from which it counts as shared
     * @param interval how often the task runs (the stored result lives three intervals)
     */
    public RecoveryQuality(int sharedThreshold, Duration interval) {
        this.sharedThreshold = sharedThreshold;
        this.interval = interval;
    }

    @Override
    public void run(KeycloakSession session) {
        session.realms()
                .getRealmsStream()
                .filter(realm -> SsprPolicies.component(realm).isPresent())
                .map(RealmModel::getId)
                .toList()
                .forEach(realmId -> {
                    try {
                        store(session, realmId, compute(session.getKeycloakSessionFactory(), realmId));
                    } catch (RuntimeException e) {
                        LOG.warnf(
                                "SSPR: recovery-data findings of realm %s not computed: %s",
                                realmId, e.getClass().getSimpleName());
                    }
                });
    }

    @Override
    public String getTaskName() {
        return "sspr-recovery-quality";
    }

    /** Computes the realm's findings now (one pass over its users). */
    public Map<String, Object> compute(KeycloakSessionFactory factory, String realmId) {
        long now = Time.currentTimeMillis();
        RecoveryFindings findings = new RecoveryFindings(sharedThreshold, SAMPLE, now);
        int[] users = {0};
        new UserWalk(factory, realmId, null).walk(0, Integer.MAX_VALUE, Integer.MAX_VALUE, null, seen -> {
            users[0]++;
            findings.add(new RecoveryFindings.User(
                    seen.user().getUsername(),
                    seen.user().getEmail(),
                    seen.methods().email().orElse(null),
                    seen.methods().phone().orElse(null),
                    seen.current()));
            return null;
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("computedAt", now);
        result.put("users", users[0]);
        result.put("sharedThreshold", sharedThreshold);
        result.put("findings", findings.result());
        return result;
    }

    /** Keeps {@code result} as the realm's findings, cluster-wide, for three intervals. */
    public void store(KeycloakSession session, String realmId, Map<String, Object> result) {
        String json;
        try {
            json = JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SingleUseObjectProvider store = session.singleUseObjects();
        String key = PREFIX + realmId;
        // replace and putIfAbsent act on the cache at once (as WritebackHealthStore does): the newest result wins.
        if (!store.replace(key, Map.of(NOTE, json))) {
            store.putIfAbsent(key, interval.multipliedBy(3).toSeconds());
            store.replace(key, Map.of(NOTE, json));
        }
    }

    /** Forgets a removed realm's findings (a realm imported again with the same id must not show the old ones). */
    public static void forget(KeycloakSession session, String realmId) {
        session.singleUseObjects().remove(PREFIX + realmId);
    }

    /** The realm's stored findings, or {@code null} when none were computed (or they expired). */
    public static Map<String, Object> read(KeycloakSession session, String realmId) {
        Map<String, String> notes = session.singleUseObjects().get(PREFIX + realmId);
        if (notes == null || notes.get(NOTE) == null) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = JSON.readValue(notes.get(NOTE), Map.class);
            return result;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
