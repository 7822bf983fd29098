package io.github.sspr.adminreset;

import io.github.sspr.access.ManagedUser;
import io.github.sspr.access.PolicyForUser;
import io.github.sspr.adminreset.token.AdminResetActionToken;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.helpdesk.store.LatestVerifications;
import io.github.sspr.notify.MailRecipient;
import io.github.sspr.notify.Notifier;
import io.github.sspr.notify.Recipients;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

/**
 * {@code POST /admin/realms/{realm}/sspr/users/{id}/send-reset} ({@code manage-users} on that user): emails the user a
 * single-use link to choose a new password, so the admin never knows it. Body (optional): {@code {"unlock": true}} to
 * unlock the account (Keycloak's brute-force lockout and, through {@code sspr-ldap}, the directory's) when the user sets
 * the password.
 *
 * <p>The link goes to every address of record the user has proven to read (the account email when verified, and the
 * recovery email); the answer names them masked. 409 when there is none, 502 when the mail server refused.
 */
public class AdminResetResource extends AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResetResource.class);
    static final String TEMPLATE = "sspr-admin-reset.ftl";

    private final String userId;

    public AdminResetResource(Context context, String userId) {
        super(context);
        this.userId = userId;
    }

    /** The request body. */
    public record SendResetRequest(Boolean unlock) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(SendResetRequest request) {
        UserModel user = ManagedUser.require(session, realm, auth, userId);

        boolean unlock = request != null && Boolean.TRUE.equals(request.unlock());
        Map<String, Object> result = new LinkedHashMap<>();
        List<String> to =
                Recipients.forUser(user.getEmail(), user.isEmailVerified(), Notifier.recoveryEmail(user), Set.of());
        if (!user.isEnabled()) {
            result.put("error", "user_disabled");
            result.put("message", "The account is disabled; enable it first");
            return Response.status(Response.Status.CONFLICT).entity(result).build();
        }
        SsprPolicy required = PolicyForUser.of(session, realm).realmPolicy();
        var refusal = HelpdeskRequirement.check(
                required.adminResetHelpdeskMinutes(),
                LatestVerifications.of(session, realm.getId(), user.getId()),
                Time.currentTimeMillis());
        if (refusal.isPresent()) {
            result.put("error", "helpdesk_verification_required");
            result.put("latestVerification", refusal.get().latest());
            result.put("requiredWithinMinutes", required.adminResetHelpdeskMinutes());
            result.put(
                    "message",
                    "Verify the caller first: this realm requires a successful helpdesk verification within the last "
                            + required.adminResetHelpdeskMinutes() + " minutes before an admin reset (latest: "
                            + refusal.get().latest()
                            + (refusal.get().minutesAgo() < 0
                                    ? ""
                                    : ", " + refusal.get().minutesAgo() + " min ago")
                            + ")");
            return Response.status(Response.Status.CONFLICT).entity(result).build();
        }
        if (to.isEmpty()) {
            result.put("error", "no_verified_address");
            result.put("message", "The user has no verified email address or recovery email");
            return Response.status(Response.Status.CONFLICT).entity(result).build();
        }

        SsprPolicy policy = PolicyForUser.of(session, realm).realmPolicy();
        int minutes = policy.adminResetLinkMinutes();
        int expiresAt = Time.currentTime() + minutes * 60;
        AdminResetActionToken token = new AdminResetActionToken(user.getId(), user.getEmail(), expiresAt, unlock);
        String link = LoginActionsService.actionTokenProcessor(
                        session.getContext().getUri())
                .queryParam(
                        "key",
                        token.serialize(session, realm, session.getContext().getUri()))
                .queryParam(Constants.CLIENT_ID, AdminResetActionToken.CLIENT)
                .build(realm.getName())
                .toString();

        Branding brand = Branding.of(policy, realm.getDisplayName(), realm.getName());
        String org = brand.getOrgName();
        // Worded in the user's language, as Keycloak picks it for this email (the admin's browser does not count).
        String ttl = LoginMessages.of(session, realm, session.getContext().resolveLocale(user, true))
                .duration(Duration.ofMinutes(minutes));
        List<String> sent = new ArrayList<>();
        for (String address : to) {
            Map<String, Object> attributes = brand.addTo(new HashMap<>()); // mutable: Keycloak's provider adds to it
            attributes.put("link", link);
            attributes.put("ttl", ttl);
            try {
                session.getProvider(EmailTemplateProvider.class)
                        .setRealm(realm)
                        .setUser(MailRecipient.of(user, address))
                        // The user's language, not the admin's browser's.
                        .setAttribute(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true)
                        .send("sspr.adminReset.email.subject", List.of(org), TEMPLATE, attributes);
                sent.add(EmailAddresses.mask(address));
            } catch (EmailException e) {
                LOG.warnf(
                        "SSPR: admin reset link to %s failed: %s",
                        EmailAddresses.mask(address), e.getClass().getSimpleName());
            }
        }
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("unlock", unlock);
        representation.put("sentTo", sent);
        representation.put("expiresAt", expiresAt * 1000L);
        adminEvent
                .operation(OperationType.ACTION)
                .resource(ResourceType.USER)
                .resourcePath("users", user.getId(), "sspr-send-reset")
                .representation(representation);
        // Keycloak's admin events have no error outcome: a failed send is recorded with an empty sentTo.
        adminEvent.success();
        if (sent.isEmpty()) {
            result.put("error", "send_failed");
            result.put("message", "The mail server did not accept the message");
            return Response.status(Response.Status.BAD_GATEWAY).entity(result).build();
        }
        result.put("sentTo", sent);
        result.put("expiresAt", expiresAt * 1000L);
        result.put("validMinutes", minutes);
        result.put("unlock", unlock);
        return Response.ok(result).build();
    }
}
