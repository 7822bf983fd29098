package io.github.sspr.throttle.admin;

import io.github.sspr.activity.AdminActivity;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.spi.AdminResource;
import io.github.sspr.throttle.BlockFilter;
import io.github.sspr.throttle.BlockIndex;
import io.github.sspr.throttle.store.BlockList;
import io.github.sspr.throttle.store.Throttle;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

/**
 * The blocks the throttle has set, for admins (docs/throttles.md, "Seeing and lifting blocks"):
 *
 * <ul>
 *   <li>{@code GET /admin/realms/{realm}/sspr/blocks?user=&reason=} (view-users): the blocks that hold now, newest
 *       first, then the near-blocks (counters at 80 % of their limit or more): state, user, method or masked number,
 *       rule, count, limit, since, until;
 *   <li>{@code POST …/sspr/blocks/lift} with {@code {"subject": "…"}} (manage-users): lifts that block and clears the
 *       counter that set it, nothing else; an admin event and an activity row record who lifted what. 404 when it is
 *       not a block that holds now.
 * </ul>
 */
public class BlocksResource extends AdminResource {

    static final String BLOCKED = "blocked";
    static final String NEAR = "near";

    public BlocksResource(Context context) {
        super(context);
    }

    /** The request body of a lift. */
    public record LiftRequest(String subject) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("user") String user, @QueryParam("reason") String reason) {
        auth.users().requireView();
        BlockFilter filter = new BlockFilter(user, reason);
        BlockList list = Throttle.forSession(session, realm).blocks();
        long now = Time.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BlockList.ActiveBlock block : list.active()) {
            row(filter, block.entry(), BLOCKED, block.entry().count(), now, block.secondsLeft())
                    .ifPresent(rows::add);
        }
        for (BlockList.NearBlock near : list.near()) {
            row(filter, near.entry(), NEAR, near.count(), now, near.secondsLeft())
                    .ifPresent(rows::add);
        }
        return rows;
    }

    /** One row of the list, or empty when the filter leaves it out. */
    private Optional<Map<String, Object>> row(
            BlockFilter filter, BlockIndex.Entry entry, String state, int count, long now, long secondsLeft) {
        UserModel account = session.users().getUserById(realm, entry.userId());
        String username = account == null ? null : account.getUsername();
        if (!filter.matches(account == null ? null : account.getId(), username, entry.rule())) {
            return Optional.empty();
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("subject", entry.subject());
        row.put("state", state);
        row.put("userId", account == null ? null : account.getId());
        // A name without an account is throttled under a pseudonym like an account (the decoy path).
        row.put("username", username);
        row.put("reason", entry.rule());
        row.put("target", entry.target());
        row.put("count", count);
        row.put("limit", entry.count());
        row.put("since", entry.since());
        // A block's end; a near-block's count starts afresh when its window ends.
        row.put("until", now + secondsLeft * 1000);
        row.put("secondsLeft", secondsLeft);
        return Optional.of(row);
    }

    @POST
    @Path("lift")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response lift(LiftRequest request) {
        auth.users().requireManage();
        Map<String, Object> result = new LinkedHashMap<>();
        if (request == null || request.subject() == null || request.subject().isBlank()) {
            result.put("error", "invalid_request");
            result.put("message", "Body must name 'subject' (from GET …/sspr/blocks)");
            return Response.status(Response.Status.BAD_REQUEST).entity(result).build();
        }
        Optional<BlockIndex.Entry> lifted =
                Throttle.forSession(session, realm).blocks().lift(request.subject());
        if (lifted.isEmpty()) {
            result.put("error", "not_blocked");
            result.put("message", "No block with this subject holds now");
            return Response.status(Response.Status.NOT_FOUND).entity(result).build();
        }
        BlockIndex.Entry entry = lifted.get();
        UserModel account = session.users().getUserById(realm, entry.userId());
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("reason", entry.rule());
        representation.put("target", entry.target());
        adminEvent
                .operation(OperationType.ACTION)
                .resource(ResourceType.USER)
                .resourcePath("users", account == null ? "-" : account.getId(), "sspr-lift-block")
                .representation(representation)
                .success();
        AdminActivity.record(
                context(),
                account,
                ActivityType.BLOCK_LIFTED,
                ActivityResult.SUCCEEDED,
                List.of(entry.target().startsWith("+") ? "phone" : entry.target()),
                entry.rule(),
                "lifted");
        result.put("lifted", true);
        result.put("reason", entry.rule());
        result.put("target", entry.target());
        result.put("username", account == null ? null : account.getUsername());
        return Response.ok(result).build();
    }
}
