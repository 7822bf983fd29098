package io.github.sspr.throttle.admin;

import io.github.sspr.activity.AdminActivity;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.spi.AdminResource;
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
 *       first: user, method or masked number, rule, limit, since, until;
 *   <li>{@code POST …/sspr/blocks/lift} with {@code {"subject": "…"}} (manage-users): lifts that block and clears the
 *       counter that set it, nothing else; an admin event and an activity row record who lifted what. 404 when it is
 *       not a block that holds now.
 * </ul>
 */
public class BlocksResource extends AdminResource {

    public BlocksResource(Context context) {
        super(context);
    }

    /** The request body of a lift. */
    public record LiftRequest(String subject) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("user") String user, @QueryParam("reason") String reason) {
        auth.users().requireView();
        List<Map<String, Object>> blocks = new ArrayList<>();
        long now = Time.currentTimeMillis();
        for (BlockList.ActiveBlock block :
                Throttle.forSession(session, realm).blocks().active()) {
            BlockIndex.Entry entry = block.entry();
            UserModel account = session.users().getUserById(realm, entry.userId());
            String username = account == null ? null : account.getUsername();
            if (reason != null && !reason.isBlank() && !reason.equals(entry.rule())) {
                continue;
            }
            if (user != null && !user.isBlank() && !user.equals(entry.userId()) && !user.equalsIgnoreCase(username)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", entry.subject());
            row.put("userId", account == null ? null : account.getId());
            // A name without an account is throttled under a pseudonym like an account (the decoy path).
            row.put("username", username);
            row.put("reason", entry.rule());
            row.put("target", entry.target());
            row.put("limit", entry.count());
            row.put("since", entry.since());
            row.put("until", now + block.secondsLeft() * 1000);
            row.put("secondsLeft", block.secondsLeft());
            blocks.add(row);
        }
        return blocks;
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
