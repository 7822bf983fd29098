package io.github.sspr.activity.store;

import io.github.sspr.activity.model.ActivityCursor;
import io.github.sspr.activity.model.ActivityFilter;
import io.github.sspr.activity.model.ActivityRecord;
import java.util.List;
import org.keycloak.provider.Provider;

/**
 * Where activity rows live. Every query is bounded by realm and ordered by (time desc, id desc), so that an
 * implementation can answer each one with an index range scan.
 */
public interface ActivityStore extends Provider {

    /** Adds a row in the current transaction: it commits or rolls back with the change it records. */
    void add(ActivityRecord record);

    /**
     * Adds the row of a reset flow that has just started, keyed by the flow's id, in the current transaction. Later
     * events of the same flow change it through {@link #updateFlow}: one row per flow, finished or not.
     */
    void addFlow(String flowId, ActivityRecord record);

    /**
     * Updates the row of the flow {@code flowId} in {@code values.realmId()}: its result, step reached and methods, and
     * its failure reason (always when {@code outcome}; otherwise only when {@code values} names one). A progress update
     * ({@code outcome} false) changes only a row that is still {@code abandoned}, so that nothing reopens a finished
     * flow. The row keeps its id and time (when the flow started).
     *
     * @return whether the flow had a row that was updated
     */
    boolean updateFlow(String flowId, ActivityRecord values, boolean outcome);

    /** At most {@code max} rows of the realm matching the filter, newest first, strictly after {@code after}. */
    List<ActivityRecord> list(String realmId, ActivityFilter filter, ActivityCursor after, int max);

    /** Per-day counts and rankings of the realm's activity in [from, to). */
    ActivitySummary summarize(String realmId, long from, long to);

    /** Removes all rows of a realm (the realm is being removed). */
    void removeRealm(String realmId);

    /** Removes the realm's rows older than {@code before} (epoch ms); returns how many went. */
    int removeOlderThan(String realmId, long before);

    @Override
    default void close() {}
}
