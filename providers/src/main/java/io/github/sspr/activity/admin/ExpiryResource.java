package io.github.sspr.activity.admin;

import io.github.sspr.expiry.remind.PasswordExpiryTask;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.keycloak.urls.UrlType;

/**
 * {@code /admin/realms/{realm}/sspr/password-expiry} (docs/insight.md, "Password-expiry reminders"): {@code GET}
 * (view-users) how many passwords expire within 7 and 30 days; {@code POST run} (view-users and manage-users) sends the
 * reminders due now, as the scheduled task does, with links on this request's public URL when the realm has no
 * frontend URL of its own.
 */
public class ExpiryResource extends AdminResource {

    private final PasswordExpiryTask task;

    public ExpiryResource(Context context, PasswordExpiryTask task) {
        super(context);
        this.task = task;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> outlook() {
        auth.users().requireView();
        return PasswordExpiryTask.outlook(session.getKeycloakSessionFactory(), realm.getId());
    }

    @POST
    @Path("run")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> run() {
        auth.users().requireView();
        auth.users().requireManage();
        String requestBase =
                session.getContext().getUri(UrlType.FRONTEND).getBaseUri().toString();
        return task.remind(
                session.getKeycloakSessionFactory(),
                realm.getId(),
                PasswordExpiryTask.base(realm, requestBase.endsWith("/") ? requestBase : requestBase + "/"));
    }
}
