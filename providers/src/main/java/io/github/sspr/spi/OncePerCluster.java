package io.github.sspr.spi;

import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Runs a scheduled task once per interval in the whole cluster (docs/cluster.md, "Scheduled tasks").
 *
 * <p>Keycloak's {@code ClusterAwareScheduledTaskRunner} only keeps two nodes from running a task <em>at the same
 * time</em>: its cluster lock is released when the task ends, so every node still runs it once per interval, on its own
 * clock. Here time is cut into windows of one interval ({@code now / interval}, the same on every node); every node
 * ticks four times per interval, and a tick runs the task only if it is the first to claim the current window with
 * the single-use-object store's atomic {@code putIfAbsent} (key {@code sspr:task:<name>:<window>}, kept two
 * intervals). So the task runs once per window however many nodes there are, and as long as one node is up.
 *
 * <p>Each run is logged at DEBUG with its window ({@code io.github.sspr.spi.OncePerCluster}). The system property
 * {@value #INTERVAL_PROPERTY} replaces every task's interval (in seconds): for tests, which cannot wait hours.
 */
public final class OncePerCluster implements ScheduledTask {

    /** Replaces every SSPR task's interval, in seconds (tests only). */
    public static final String INTERVAL_PROPERTY = "sspr.task-interval-seconds";

    /** Ticks per interval: a window's run starts at most a quarter interval after the window does. */
    static final int TICKS_PER_INTERVAL = 4;

    private static final Logger LOG = Logger.getLogger(OncePerCluster.class);
    private static final String PREFIX = "sspr:task:";

    private final ScheduledTask task;
    private final Duration interval;

    OncePerCluster(ScheduledTask task, Duration interval) {
        this.task = task;
        this.interval = interval;
    }

    /** The interval a task configured with {@code configured} runs at: {@value #INTERVAL_PROPERTY} if set, else it. */
    public static Duration interval(Duration configured) {
        String override = System.getProperty(INTERVAL_PROPERTY);
        if (override == null || override.isBlank()) {
            return configured;
        }
        long seconds;
        try {
            seconds = Long.parseLong(override.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INTERVAL_PROPERTY + " must be a number of seconds, was " + override);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException(INTERVAL_PROPERTY + " must be at least 1, was " + override);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * Schedules {@code task} on this node's timer once the server has started; with the other nodes it runs once per
     * {@code interval}. Called from a factory's {@code postInit}: the timer starts at Keycloak's post-start event, not
     * at once, because a tick during start-up would find Keycloak's own providers (the single-use-object store) not yet
     * initialised — with a short interval, an ERROR on every node's start.
     */
    public static void schedule(KeycloakSessionFactory factory, ScheduledTask task, Duration interval) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                start(factory, task, interval);
            }
        });
    }

    private static void start(KeycloakSessionFactory factory, ScheduledTask task, Duration interval) {
        OncePerCluster once = new OncePerCluster(task, interval);
        long tick = Math.max(100, interval.toMillis() / TICKS_PER_INTERVAL);
        KeycloakModelUtils.runJobInTransaction(
                factory,
                session -> session.getProvider(TimerProvider.class)
                        .schedule(new ScheduledTaskRunner(factory, once), tick, task.getTaskName()));
        LOG.debugf(
                "SSPR task %s: once per cluster every %s (this node checks every %d ms)",
                task.getTaskName(), interval, tick);
    }

    @Override
    public void run(KeycloakSession session) {
        long window = window(Time.currentTimeMillis(), interval);
        if (claim(session.singleUseObjects(), task.getTaskName(), window, interval)) {
            LOG.debugf("SSPR task %s: running for window %d", task.getTaskName(), window);
            task.run(session);
        }
    }

    @Override
    public String getTaskName() {
        return task.getTaskName();
    }

    /** The window {@code nowMillis} falls in: the same number on every node (clocks in step). */
    static long window(long nowMillis, Duration interval) {
        return Math.floorDiv(nowMillis, interval.toMillis());
    }

    /** True for the one caller in the cluster that claims {@code window} of the task first. */
    static boolean claim(SingleUseObjectProvider store, String taskName, long window, Duration interval) {
        long keepSeconds = Math.max(1, interval.multipliedBy(2).toSeconds());
        return store.putIfAbsent(PREFIX + taskName + ":" + window, keepSeconds);
    }
}
