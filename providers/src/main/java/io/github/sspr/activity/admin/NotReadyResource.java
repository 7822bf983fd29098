package io.github.sspr.activity.admin;

import io.github.sspr.access.UserWalk;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.access.rule.ResetAccess.Reason;
import io.github.sspr.activity.CsvCells;
import io.github.sspr.activity.Readiness;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.UserStorageProvider;

/**
 * {@code /admin/realms/{realm}/sspr/not-ready}: the users who cannot reset their password by themselves under the
 * current policy, with the rule's reason (docs/insight.md). Every answer is {@code PolicyForUser}'s, the one the reset
 * flow gets; the users are read page by page ({@link UserWalk}), never all at once. Needs view-users.
 *
 * <ul>
 *   <li>{@code GET ?reason=&group=&federation=&first=&max=}: one page; {@code next} is the store position to pass as
 *       {@code first} for the following page ({@code null}: no more users).
 *   <li>{@code GET summary?group=&federation=}: counts per reason over every user.
 *   <li>{@code GET csv}: every matching user, streamed.
 *   <li>{@code POST nudge} (manage-users): invite them to register ({@link NudgeResource}).
 * </ul>
 */
public class NotReadyResource extends AdminResource {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    /** Users one page request reads at most while looking for matches (the page then ends early, with a cursor). */
    static final int SCAN_BUDGET = 5000;

    static final List<String> CSV_HEADER =
            List.of("user_id", "username", "email", "federation", "reason", "methods", "gates_required");

    /** The reasons listed by default: everyone SSPR is meant for who cannot use it. */
    static final Set<Reason> NOT_READY = Collections.unmodifiableSet(EnumSet.of(
            Reason.NO_METHOD,
            Reason.METHODS_BLOCKED,
            Reason.TOO_FEW_FACTORS,
            Reason.PRIVILEGED_TOO_FEW,
            Reason.PRIVILEGED_NO_PASSKEY));

    /** One not-ready user as listed. */
    public record Row(
            String userId,
            String username,
            String email,
            String federation,
            String reason,
            List<String> methods,
            int gatesRequired) {

        static Row of(UserModel user, ResetAccess access) {
            Readiness readiness = Readiness.of(access);
            return new Row(
                    user.getId(),
                    user.getUsername(),
                    user.getEmail(),
                    user.getFederationLink() == null ? "local" : user.getFederationLink(),
                    readiness.reason(),
                    readiness.registered(),
                    readiness.gatesRequired());
        }

        List<String> csv() {
            return Arrays.asList(
                    userId,
                    username,
                    email,
                    federation,
                    reason,
                    String.join(" ", methods),
                    Integer.toString(gatesRequired));
        }
    }

    public NotReadyResource(Context context) {
        super(context);
    }

    /** The filters of one request, checked before any user is read. */
    record Filter(String groupId, String federationId, Set<Reason> reasons) {

        boolean matches(UserModel user, ResetAccess access) {
            return inFederation(user) && reasons.contains(access.reason());
        }

        /** The federation filter alone: {@code local} is a user with no federation link. */
        boolean inFederation(UserModel user) {
            String link = user.getFederationLink();
            return federationId == null || (federationId.equals("local") ? link == null : federationId.equals(link));
        }
    }

    Filter filter(String reason, String group, String federation) {
        Set<Reason> reasons = NOT_READY;
        if (reason != null && !reason.isEmpty()) {
            reasons = EnumSet.noneOf(Reason.class);
            for (String id : reason.split(",")) {
                Reason found = Arrays.stream(Reason.values())
                        .filter(r -> r != Reason.READY && r.id().equals(id.trim()))
                        .findFirst()
                        .orElseThrow(
                                () -> new BadRequestException(
                                        "unknown 'reason': one of no-method, "
                                                + "methods-blocked, too-few-factors, privileged-too-few, privileged-no-passkey, not-enabled"));
                reasons.add(found);
            }
        }
        String groupId = null;
        if (group != null && !group.isEmpty()) {
            GroupModel model = group.startsWith("/")
                    ? KeycloakModelUtils.findGroupByPath(session, realm, group)
                    : realm.getGroupById(group);
            if (model == null) {
                throw new BadRequestException("no such 'group' (a path like /staff, or an id)");
            }
            groupId = model.getId();
        }
        String federationId = null;
        if (federation != null && !federation.isEmpty()) {
            if (federation.equals("local")) {
                federationId = "local";
            } else {
                federationId = realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                        .filter(c -> federation.equals(c.getId()) || federation.equals(c.getName()))
                        .map(ComponentModel::getId)
                        .findFirst()
                        .orElseThrow(() -> new BadRequestException(
                                "no such 'federation': 'local' or a user federation's id or name"));
            }
        }
        return new Filter(groupId, federationId, reasons);
    }

    private UserWalk walk(Filter filter) {
        return new UserWalk(session.getKeycloakSessionFactory(), realm.getId(), filter.groupId());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list(
            @QueryParam("reason") String reason,
            @QueryParam("group") String group,
            @QueryParam("federation") String federation,
            @QueryParam("first") Integer first,
            @QueryParam("max") Integer max) {
        auth.users().requireView();
        Filter filter = filter(reason, group, federation);
        int size = max == null ? DEFAULT_PAGE : Math.max(1, Math.min(MAX_PAGE, max));
        UserWalk.Page<Row> page = walk(filter)
                .walk(
                        first == null ? 0 : Math.max(0, first),
                        size,
                        SCAN_BUDGET,
                        null,
                        seen -> filter.matches(seen.user(), seen.current())
                                ? Row.of(seen.user(), seen.current())
                                : null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("next", page.next() < 0 ? null : page.next());
        body.put("max", size);
        return body;
    }

    /** {@code POST nudge}: invite not-ready users to register (manage-users). */
    @Path("nudge")
    public NudgeResource nudge() {
        return new NudgeResource(context(), this);
    }

    /** Counts per reason over every user the filters select (ready users counted too). */
    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> summary(@QueryParam("group") String group, @QueryParam("federation") String federation) {
        auth.users().requireView();
        Filter filter = filter(null, group, federation);
        Map<String, Integer> byReason = new TreeMap<>();
        int[] users = {0};
        walk(filter).walk(0, Integer.MAX_VALUE, Integer.MAX_VALUE, null, seen -> {
            if (filter.inFederation(seen.user())) {
                users[0]++;
                byReason.merge(seen.current().reason().id(), 1, Integer::sum);
            }
            return null;
        });
        int notReady = NOT_READY.stream()
                .mapToInt(r -> byReason.getOrDefault(r.id(), 0))
                .sum();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", users[0]);
        body.put("ready", byReason.getOrDefault(Reason.READY.id(), 0));
        body.put("notReady", notReady);
        body.put("byReason", byReason);
        return body;
    }

    /** Every matching user as CSV, streamed page by page (each page in its own transaction). */
    @GET
    @Path("csv")
    @Produces("text/csv")
    public Response csv(
            @QueryParam("reason") String reason,
            @QueryParam("group") String group,
            @QueryParam("federation") String federation) {
        auth.users().requireView();
        Filter filter = filter(reason, group, federation);
        UserWalk walk = walk(filter);
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            CsvCells.writeRow(out, CSV_HEADER);
            int position = 0;
            while (position >= 0) {
                UserWalk.Page<Row> page = walk.walk(
                        position,
                        MAX_PAGE,
                        SCAN_BUDGET,
                        null,
                        seen -> filter.matches(seen.user(), seen.current())
                                ? Row.of(seen.user(), seen.current())
                                : null);
                for (Row row : page.items()) {
                    CsvCells.writeRow(out, row.csv());
                }
                out.flush();
                position = page.next();
            }
        };
        String file = "sspr-not-ready-" + realm.getName().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
