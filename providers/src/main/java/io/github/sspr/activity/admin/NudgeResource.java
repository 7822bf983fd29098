package io.github.sspr.activity.admin;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.access.UserWalk;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.activity.AdminActivity;
import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.notify.Invitations;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.UserModel;

/**
 * {@code POST /admin/realms/{realm}/sspr/not-ready/nudge} (manage-users): invites users who cannot reset to register
 * (docs/insight.md, "Nudge"). Body: {@code {"users": [ids]}} or {@code {"group": "/path", "reason": "no-method"}} (the
 * not-ready members of a group). Only users the policy-for-user rule finds not ready are invited; each at most once a
 * day ({@link Invitations}); every invitation sent or held back is an activity row of type
 * {@code registration-invitation}.
 */
public class NudgeResource extends AdminResource {

    /** Users one request invites at most. */
    static final int MAX_USERS = 500;

    private final NotReadyResource notReady;

    NudgeResource(Context context, NotReadyResource notReady) {
        super(context);
        this.notReady = notReady;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> nudge(Map<String, Object> body) {
        auth.users().requireManage();
        Object users = body == null ? null : body.get("users");
        Object group = body == null ? null : body.get("group");
        List<String> ids = new ArrayList<>();
        if (users instanceof List<?> list && group == null) {
            if (list.size() > MAX_USERS) {
                throw new BadRequestException("at most " + MAX_USERS + " users at a time");
            }
            for (Object id : list) {
                if (!(id instanceof String s) || s.isEmpty() || s.length() > ActivityRecord.USER_ID_LENGTH) {
                    throw new BadRequestException("'users' must be user ids");
                }
                ids.add(s);
            }
        } else if (group instanceof String path && users == null) {
            Object reason = body.get("reason");
            NotReadyResource.Filter filter = notReady.filter(reason instanceof String r ? r : null, path, null);
            ids.addAll(new UserWalk(session.getKeycloakSessionFactory(), realm.getId(), filter.groupId())
                    .walk(
                            0,
                            MAX_USERS,
                            Integer.MAX_VALUE,
                            null,
                            seen -> filter.matches(seen.user(), seen.current())
                                    ? seen.user().getId()
                                    : null)
                    .items());
        } else {
            throw new BadRequestException("give either 'users' (ids) or 'group' (a path or id)");
        }

        PolicyForUser policies = PolicyForUser.of(session, realm);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (Invitations.Outcome outcome : Invitations.Outcome.values()) {
            outcomes.put(outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), 0);
        }
        int ready = 0;
        int unknown = 0;
        for (String id : ids) {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                unknown++;
                continue;
            }
            ResetAccess access = policies.forUser(user);
            if (!NotReadyResource.NOT_READY.contains(access.reason())) {
                ready++; // ready, or SSPR is off for them: nothing to invite them to
                continue;
            }
            Invitations.Outcome outcome = Invitations.invite(session, realm, user);
            String key = outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            outcomes.merge(key, 1, Integer::sum);
            AdminActivity.record(
                    context(),
                    user,
                    ActivityType.REGISTRATION_INVITATION,
                    outcome == Invitations.Outcome.SENT ? ActivityResult.SUCCEEDED : ActivityResult.BLOCKED,
                    List.of(),
                    outcome == Invitations.Outcome.SENT ? null : "invitation_" + key,
                    access.reason().id());
        }
        Map<String, Object> result = new LinkedHashMap<>(outcomes);
        result.put("notApplicable", ready);
        result.put("unknown", unknown);
        return result;
    }
}
