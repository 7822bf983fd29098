package io.github.sspr.activity.admin;

import io.github.sspr.access.RecoveryQuality;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/sspr/recovery-findings} (docs/insight.md, "Recovery-data quality"): {@code GET}
 * (view-users) the findings the scheduled task last stored; {@code POST run} (view-users and manage-realm) computes
 * them now and stores them.
 */
public class FindingsResource extends AdminResource {

    private final RecoveryQuality quality;

    public FindingsResource(Context context, RecoveryQuality quality) {
        super(context);
        this.quality = quality;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        auth.users().requireView();
        Map<String, Object> stored = RecoveryQuality.read(session, realm.getId());
        if (stored != null) {
            return stored;
        }
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("computedAt", null);
        return none;
    }

    @POST
    @Path("run")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> run() {
        auth.users().requireView();
        auth.realm().requireManageRealm();
        Map<String, Object> result = quality.compute(session.getKeycloakSessionFactory(), realm.getId());
        quality.store(session, realm.getId(), result);
        return RecoveryQuality.read(session, realm.getId());
    }
}
