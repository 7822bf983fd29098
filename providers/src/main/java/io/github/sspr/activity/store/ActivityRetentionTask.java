package io.github.sspr.activity.store;

import io.github.sspr.policy.store.SsprPolicies;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes each realm's activity older than its retention: the realm's policy setting {@code activityRetentionDays}, or
 * the server's {@code retention-days} where the realm sets none (docs/operations.md, "Activity retention"). Run through
 * {@link io.github.sspr.spi.OncePerCluster}, so that one node of a cluster does it per interval.
 */
public class ActivityRetentionTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ActivityRetentionTask.class);

    private final int serverRetentionDays;

    public ActivityRetentionTask(int serverRetentionDays) {
        this.serverRetentionDays = serverRetentionDays;
    }

    @Override
    public void run(KeycloakSession session) {
        ActivityStore store = session.getProvider(ActivityStore.class);
        // Keycloak's clock, so that tests can move time with a time offset.
        long now = Time.currentTimeMillis();
        session.realms().getRealmsStream().forEach(realm -> {
            int days = retentionDays(serverRetentionDays, realmRetentionDays(realm));
            int removed = store.removeOlderThan(
                    realm.getId(), now - Duration.ofDays(days).toMillis());
            if (removed > 0) {
                LOG.debugf(
                        "Removed %d activity rows of realm %s older than %d days",
                        (Object) removed, realm.getName(), days);
            }
        });
    }

    /** The realm's retention when it sets one (above 0), else the server's. */
    static int retentionDays(int serverDays, int realmDays) {
        return realmDays > 0 ? realmDays : serverDays;
    }

    private static int realmRetentionDays(RealmModel realm) {
        return SsprPolicies.forRealm(realm).activityRetentionDays();
    }

    @Override
    public String getTaskName() {
        return "sspr-activity-retention";
    }
}
