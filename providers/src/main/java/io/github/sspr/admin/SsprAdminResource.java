package io.github.sspr.admin;

import io.github.sspr.access.RecoveryQuality;
import io.github.sspr.activity.admin.ActivityCsvResource;
import io.github.sspr.activity.admin.ActivityResource;
import io.github.sspr.activity.admin.FindingsResource;
import io.github.sspr.activity.admin.NotReadyResource;
import io.github.sspr.adminreset.AdminResetResource;
import io.github.sspr.helpdesk.HelpdeskVerificationResource;
import io.github.sspr.ldap.admin.LdapAdminResource;
import io.github.sspr.policy.admin.PolicyResource;
import io.github.sspr.sms.admin.SmsTestResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Root of {@code /admin/realms/{realm}/sspr}. Each capability owns its sub-resource; each sub-resource checks the
 * caller's permission on the first line of every method.
 */
public class SsprAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final RecoveryQuality quality;

    SsprAdminResource(
            KeycloakSession session,
            RealmModel realm,
            AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent,
            RecoveryQuality quality) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.quality = quality;
    }

    /** {@code policy}: the realm's SSPR policy, read (view-realm) and edited (manage-realm). */
    @Path("policy")
    public PolicyResource policy() {
        return new PolicyResource(session, realm, auth, adminEvent);
    }

    /** {@code POST sms/test}: send a test SMS or call through the configured sender. */
    @Path("sms")
    public SmsTestResource sms() {
        return new SmsTestResource(session, realm, auth);
    }

    /** {@code ldap/...}: sspr-ldap health, connection test and migration from the built-in LDAP provider. */
    @Path("ldap")
    public LdapAdminResource ldap() {
        return new LdapAdminResource(session, realm, auth);
    }

    /** {@code GET activity}, {@code GET activity/summary}: SSPR activity (view-events). */
    @Path("activity")
    public ActivityResource activity() {
        return new ActivityResource(session, realm, auth);
    }

    /** {@code GET activity.csv}: the activity list as a streamed CSV download (view-events). */
    @Path("activity.csv")
    public ActivityCsvResource activityCsv() {
        return new ActivityCsvResource(new ActivityResource(session, realm, auth), realm, auth);
    }

    /** {@code not-ready}: users who cannot reset by themselves, with the reason; counts, CSV (view-users). */
    @Path("not-ready")
    public NotReadyResource notReady() {
        return new NotReadyResource(session, realm, auth);
    }

    /** {@code recovery-findings}: recovery data an attacker would love, as last computed (view-users). */
    @Path("recovery-findings")
    public FindingsResource findings() {
        return new FindingsResource(session, realm, auth, quality);
    }

    /** {@code POST users/{id}/send-reset}: email the user a single-use link to choose a new password (manage-users). */
    @Path("users/{userId}/send-reset")
    public AdminResetResource sendReset(@PathParam("userId") String userId) {
        return new AdminResetResource(session, realm, auth, adminEvent, userId);
    }

    /** {@code users/{id}/verify}: helpdesk-assisted verification with a one-time code (manage-users). */
    @Path("users/{userId}/verify")
    public HelpdeskVerificationResource verify(@PathParam("userId") String userId) {
        return new HelpdeskVerificationResource(session, realm, auth, adminEvent, userId);
    }
}
