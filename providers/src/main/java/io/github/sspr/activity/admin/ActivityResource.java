package io.github.sspr.activity.admin;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.activity.Readiness;
import io.github.sspr.activity.model.ActivityCursor;
import io.github.sspr.activity.model.ActivityFilter;
import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.activity.store.ActivityStore;
import io.github.sspr.activity.store.ActivitySummary;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/sspr/activity}: the realm's SSPR activity for admins with {@code view-events}. The
 * permission check is the first line of every method; Keycloak has already refused tokens of other realms.
 */
public class ActivityResource {

    /** Largest page a client may ask for; larger requests get this many. */
    public static final int MAX_PAGE = 200;

    public static final int DEFAULT_PAGE = 50;

    /** Users the readiness summary reads by default, and at most. */
    static final int READINESS_SAMPLE = 500;

    static final int READINESS_SAMPLE_MAX = 5000;

    /** Longest range the summary covers in one call. */
    static final Duration MAX_SUMMARY_RANGE = Duration.ofDays(366);

    static final List<String> CSV_HEADER = List.of(
            "time",
            "type",
            "result",
            "user_id",
            "username",
            "methods",
            "failure_reason",
            "step",
            "ip_address",
            "client_id",
            "id");

    private static final Pattern METHOD = Pattern.compile("[a-z0-9-]{1,32}");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public ActivityResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /**
     * One page, newest first. {@code from}/{@code to} are ISO-8601 instants or epoch milliseconds; {@code after} is
     * the {@code next} cursor of the previous page.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list(
            @QueryParam("type") String type,
            @QueryParam("result") String result,
            @QueryParam("user") String user,
            @QueryParam("method") String method,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("after") String after,
            @QueryParam("max") Integer max) {
        auth.realm().requireViewEvents();

        ActivityFilter filter = filter(type, result, user, method, from, to);
        ActivityCursor cursor = after == null || after.isEmpty()
                ? null
                : ActivityCursor.decode(after).orElseThrow(() -> new BadRequestException("invalid 'after' cursor"));
        int size = max == null ? DEFAULT_PAGE : Math.max(1, Math.min(MAX_PAGE, max));

        // One row more than asked tells whether there is a next page, without a count query.
        List<ActivityRecord> rows = store().list(realm.getId(), filter, cursor, size + 1);
        boolean more = rows.size() > size;
        List<ActivityRecord> page = more ? rows.subList(0, size) : rows;

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.stream().map(ActivityResource::json).toList());
        body.put("next", more ? ActivityCursor.after(page.get(page.size() - 1)).encode() : null);
        body.put("max", size);
        return body;
    }

    /** Per-day counts by result and method, drop-off per step and failure reasons, for [from, to). */
    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> summary(@QueryParam("from") String from, @QueryParam("to") String to) {
        auth.realm().requireViewEvents();

        long end = to == null ? Time.currentTimeMillis() : instant("to", to);
        long start = from == null ? end - Duration.ofDays(30).toMillis() : instant("from", from);
        if (start > end || end - start > MAX_SUMMARY_RANGE.toMillis()) {
            throw new BadRequestException(
                    "'from' must be before 'to', at most " + MAX_SUMMARY_RANGE.toDays() + " days apart");
        }
        ActivitySummary summary = store().summarize(realm.getId(), start, end);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", Instant.ofEpochMilli(start).toString());
        body.put("to", Instant.ofEpochMilli(end).toString());
        body.put("byDayAndResult", summary.byDayAndResult());
        body.put("byDayAndMethod", summary.byDayAndMethod());
        body.put("dropOffByStep", summary.dropOffByStep());
        body.put("failureReasons", summary.failureReasons());
        return body;
    }

    /**
     * {@code GET activity/readiness?user=}: whether a user could reset by themselves today, which methods count, and
     * their latest registration activity. Needs view-users (it describes a user, not events).
     */
    @GET
    @Path("readiness")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> readiness(@QueryParam("user") String user) {
        auth.users().requireView();

        if (user == null || user.isEmpty()) {
            throw new BadRequestException("'user' (username or id) is required");
        }
        UserModel found = session.users().getUserByUsername(realm, user);
        if (found == null && user.length() <= ActivityRecord.USER_ID_LENGTH) {
            found = session.users().getUserById(realm, user);
        }
        if (found == null) {
            throw new NotFoundException("no such user");
        }
        Readiness readiness = Readiness.of(PolicyForUser.of(session, realm).forUser(found));
        List<ActivityRecord> lastRegistration = store().list(
                        realm.getId(),
                        new ActivityFilter(ActivityType.REGISTRATION, null, found.getId(), null, null, null, null),
                        null,
                        1);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", found.getId());
        body.put("username", found.getUsername());
        body.put("ready", readiness.ready());
        body.put("gatesRequired", readiness.gatesRequired());
        body.put("methods", readiness.registered());
        body.put("factors", readiness.factors());
        body.put("reason", readiness.reason());
        body.put("lastRegistration", lastRegistration.isEmpty() ? null : json(lastRegistration.get(0)));
        return body;
    }

    /**
     * {@code GET activity/readiness/summary?max=}: how many of the realm's users could reset by themselves today, and
     * how many registered each method — the dashboard's readiness figure. Needs view-users.
     *
     * <p>Readiness is a property of each user's credentials, not a column: counting it means reading users. The count
     * is bounded — the first {@code max} users (default {@value #READINESS_SAMPLE}, at most {@value
     * #READINESS_SAMPLE_MAX}) in Keycloak's user order — and says whether it covered them all ({@code complete}).
     */
    @GET
    @Path("readiness/summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> readinessSummary(@QueryParam("max") Integer max) {
        auth.users().requireView();

        int limit = max == null ? READINESS_SAMPLE : Math.max(1, Math.min(READINESS_SAMPLE_MAX, max));
        PolicyForUser policies = PolicyForUser.of(session, realm);
        // One more than the limit tells whether the count is complete, without a count query.
        List<UserModel> users = session.users()
                .searchForUserStream(realm, Map.of(), 0, limit + 1)
                .toList();
        boolean complete = users.size() <= limit;
        int counted = 0;
        int ready = 0;
        Map<String, Integer> byMethod = new java.util.TreeMap<>();
        for (UserModel user : complete ? users : users.subList(0, limit)) {
            Readiness readiness = Readiness.of(policies.forUser(user));
            counted++;
            if (readiness.ready()) {
                ready++;
            }
            for (String method : readiness.registered()) {
                byMethod.merge(method, 1, Integer::sum);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", counted);
        body.put("ready", ready);
        body.put("complete", complete);
        body.put("byMethod", byMethod);
        return body;
    }

    ActivityFilter filter(String type, String result, String user, String method, String from, String to) {
        ActivityType activityType = type == null || type.isEmpty()
                ? null
                : ActivityType.fromId(type).orElseThrow(() -> new BadRequestException("unknown 'type'"));
        ActivityResult activityResult = result == null || result.isEmpty()
                ? null
                : ActivityResult.fromId(result).orElseThrow(() -> new BadRequestException("unknown 'result'"));
        if (method != null && !method.isEmpty() && !METHOD.matcher(method).matches()) {
            throw new BadRequestException("invalid 'method'");
        }
        String userId = null;
        String username = null;
        if (user != null && !user.isEmpty()) {
            // A current user by username or id is matched by id (renames included); a deleted one by the username
            // stored in the rows.
            UserModel found = session.users().getUserByUsername(realm, user);
            if (found == null && user.length() <= ActivityRecord.USER_ID_LENGTH) {
                found = session.users().getUserById(realm, user);
            }
            if (found != null) {
                userId = found.getId();
            } else {
                username = user;
            }
        }
        return new ActivityFilter(
                activityType,
                activityResult,
                userId,
                username,
                method == null || method.isEmpty() ? null : method,
                from == null || from.isEmpty() ? null : instant("from", from),
                to == null || to.isEmpty() ? null : instant("to", to));
    }

    static long instant(String name, String value) {
        try {
            if (value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
                return Long.parseLong(value);
            }
            return Instant.parse(value).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadRequestException("'" + name + "' must be an ISO-8601 instant or epoch milliseconds");
        }
    }

    KeycloakSessionFactory sessionFactory() {
        return session.getKeycloakSessionFactory();
    }

    ActivityStore store() {
        return session.getProvider(ActivityStore.class);
    }

    static Map<String, Object> json(ActivityRecord row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.id());
        json.put("time", row.time());
        json.put("type", row.type().id());
        json.put("result", row.result().id());
        json.put("userId", row.userId());
        json.put("username", row.username());
        json.put("methods", row.methods());
        json.put("failureReason", row.failureReason());
        json.put("step", row.step());
        json.put("ipAddress", row.ipAddress());
        json.put("clientId", row.clientId());
        return json;
    }

    static List<String> csvRow(ActivityRecord row) {
        return java.util.Arrays.asList(
                Instant.ofEpochMilli(row.time()).toString(),
                row.type().id(),
                row.result().id(),
                row.userId(),
                row.username(),
                row.methodsJoined(),
                row.failureReason(),
                row.step(),
                row.ipAddress(),
                row.clientId(),
                row.id());
    }
}
