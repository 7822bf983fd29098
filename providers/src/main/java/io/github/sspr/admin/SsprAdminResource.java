package io.github.sspr.admin;

import io.github.sspr.access.RecoveryQuality;
import io.github.sspr.activity.admin.ActivityCsvResource;
import io.github.sspr.activity.admin.ActivityResource;
import io.github.sspr.activity.admin.ExpiryResource;
import io.github.sspr.activity.admin.FindingsResource;
import io.github.sspr.activity.admin.NotReadyResource;
import io.github.sspr.adminreset.AdminResetResource;
import io.github.sspr.expiry.remind.PasswordExpiryTask;
import io.github.sspr.helpdesk.HelpdeskVerificationResource;
import io.github.sspr.ldap.admin.LdapAdminResource;
import io.github.sspr.policy.admin.PolicyResource;
import io.github.sspr.sms.admin.SmsTestResource;
import io.github.sspr.spi.AdminResource;
import io.github.sspr.throttle.admin.BlocksResource;
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

    private final AdminResource.Context context;
    private final RecoveryQuality quality;
    private final PasswordExpiryTask expiry;

    SsprAdminResource(
            KeycloakSession session,
            RealmModel realm,
            AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent,
            RecoveryQuality quality,
            PasswordExpiryTask expiry) {
        this.context = new AdminResource.Context(session, realm, auth, adminEvent);
        this.quality = quality;
        this.expiry = expiry;
    }

    /** {@code policy}: the realm's SSPR policy, read (view-realm) and edited (manage-realm). */
    @Path("policy")
    public PolicyResource policy() {
        return new PolicyResource(context);
    }

    /** {@code POST sms/test}: send a test SMS or call through the configured sender. */
    @Path("sms")
    public SmsTestResource sms() {
        return new SmsTestResource(context);
    }

    /** {@code ldap/...}: sspr-ldap health, connection test and migration from the built-in LDAP provider. */
    @Path("ldap")
    public LdapAdminResource ldap() {
        return new LdapAdminResource(context);
    }

    /** {@code GET activity}, {@code GET activity/summary}: SSPR activity (view-events). */
    @Path("activity")
    public ActivityResource activity() {
        return new ActivityResource(context);
    }

    /** {@code GET activity.csv}: the activity list as a streamed CSV download (view-events). */
    @Path("activity.csv")
    public ActivityCsvResource activityCsv() {
        return new ActivityCsvResource(context);
    }

    /** {@code GET blocks}, {@code POST blocks/lift}: the throttle's blocks, listed (view-users) and lifted (manage-users). */
    @Path("blocks")
    public BlocksResource blocks() {
        return new BlocksResource(context);
    }

    /** {@code not-ready}: users who cannot reset by themselves, with the reason; counts, CSV (view-users). */
    @Path("not-ready")
    public NotReadyResource notReady() {
        return new NotReadyResource(context);
    }

    /** {@code recovery-findings}: recovery data an attacker would love, as last computed (view-users). */
    @Path("recovery-findings")
    public FindingsResource findings() {
        return new FindingsResource(context, quality);
    }

    /** {@code password-expiry}: passwords expiring within 7 / 30 days (view-users); send the reminders due now. */
    @Path("password-expiry")
    public ExpiryResource passwordExpiry() {
        return new ExpiryResource(context, expiry);
    }

    /** {@code POST users/{id}/send-reset}: email the user a single-use link to choose a new password (manage-users). */
    @Path("users/{userId}/send-reset")
    public AdminResetResource sendReset(@PathParam("userId") String userId) {
        return new AdminResetResource(context, userId);
    }

    /** {@code users/{id}/verify}: helpdesk-assisted verification with a one-time code (manage-users). */
    @Path("users/{userId}/verify")
    public HelpdeskVerificationResource verify(@PathParam("userId") String userId) {
        return new HelpdeskVerificationResource(context, userId);
    }
}
