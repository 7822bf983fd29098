package io.github.sspr.activity.admin;

import io.github.sspr.activity.CsvCells;
import io.github.sspr.activity.model.ActivityCursor;
import io.github.sspr.activity.model.ActivityFilter;
import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.store.ActivityStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/sspr/activity.csv}: the rows matching the same filters as the list, newest first,
 * streamed in keyset batches — constant memory at any table size. Cells are neutralized by {@link CsvCells}.
 */
public class ActivityCsvResource {

    /** Rows per database round trip. */
    static final int EXPORT_BATCH = 1000;

    private final ActivityResource activity;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public ActivityCsvResource(ActivityResource activity, RealmModel realm, AdminPermissionEvaluator auth) {
        this.activity = activity;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces("text/csv")
    public Response csv(
            @QueryParam("type") String type,
            @QueryParam("result") String result,
            @QueryParam("user") String user,
            @QueryParam("method") String method,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        auth.realm().requireViewEvents();

        ActivityFilter filter = activity.filter(type, result, user, method, from, to);
        String realmId = realm.getId();
        KeycloakSessionFactory factory = activity.sessionFactory();
        // Written after this method returns, when the request's session may be closed: each batch reads in a
        // session and transaction of its own, and nothing but the current batch is held in memory.
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            CsvCells.writeRow(out, ActivityResource.CSV_HEADER);
            ActivityCursor cursor = null;
            while (true) {
                ActivityCursor position = cursor;
                List<ActivityRecord> batch = KeycloakModelUtils.runJobInTransactionWithResult(
                        factory, s -> s.getProvider(ActivityStore.class).list(realmId, filter, position, EXPORT_BATCH));
                for (ActivityRecord row : batch) {
                    CsvCells.writeRow(out, ActivityResource.csvRow(row));
                }
                out.flush();
                if (batch.size() < EXPORT_BATCH) {
                    return;
                }
                cursor = ActivityCursor.after(batch.get(batch.size() - 1));
            }
        };
        String file = "sspr-activity-" + realm.getName().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
