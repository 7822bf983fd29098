package io.github.sspr.spi;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Base of every resource below {@code /admin/realms/{realm}/sspr}: the request's session, the realm, the signed-in
 * admin's permissions and the admin-event builder, handed down by the root resource. Each resource method checks the
 * permission it needs on its first line (docs/architecture.md, "Layers").
 */
public abstract class AdminResource {

    /** What the root resource hands each sub-resource. */
    public record Context(
            KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {}

    protected final KeycloakSession session;
    protected final RealmModel realm;
    protected final AdminPermissionEvaluator auth;
    protected final AdminEventBuilder adminEvent;

    protected AdminResource(Context context) {
        this.session = context.session();
        this.realm = context.realm();
        this.auth = context.auth();
        this.adminEvent = context.adminEvent();
    }

    /** The same context, for a resource that hands it on to a sub-resource. */
    protected final Context context() {
        return new Context(session, realm, auth, adminEvent);
    }
}
