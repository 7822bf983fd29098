package io.github.sspr.activity.store;

import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes activity older than the retention period. Run through Keycloak's cluster-aware runner, so that one node of
 * a cluster does it per interval (the runner keys its cluster lock by this class's simple name).
 */
public class ActivityRetentionTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ActivityRetentionTask.class);

    private final int retentionDays;

    public ActivityRetentionTask(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    @Override
    public void run(KeycloakSession session) {
        // Keycloak's clock, so that tests can move time with a time offset.
        long before = Time.currentTimeMillis() - Duration.ofDays(retentionDays).toMillis();
        int removed = session.getProvider(ActivityStore.class).removeOlderThan(before);
        if (removed > 0) {
            LOG.debugf("Removed %d activity rows older than %d days", removed, retentionDays);
        }
    }

    @Override
    public String getTaskName() {
        return "sspr-activity-retention";
    }
}
