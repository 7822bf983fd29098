package io.github.sspr.helpdesk;

import io.github.sspr.access.ManagedUser;
import io.github.sspr.access.PolicyForUser;
import io.github.sspr.activity.AdminActivity;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.kinds.KeycloakFactor;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.CodeDelivery;
import io.github.sspr.delivery.rule.Destinations;
import io.github.sspr.delivery.rule.Purpose;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.helpdesk.store.LatestVerifications;
import io.github.sspr.helpdesk.store.SharedNoteStore;
import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.otp.OneTimeCodes;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.spi.AdminResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

/**
 * Helpdesk-assisted verification under {@code /admin/realms/{realm}/sspr/users/{id}/verify} ({@code manage-users} on
 * that user, checked first in every method):
 *
 * <ul>
 *   <li>{@code POST send} {@code {"method":"email|sms|voice"}}: a one-time code to one of the user's registered
 *       methods (recovery email — or the verified account email when there is none —, recovery phone);
 *   <li>{@code POST check} {@code {"code":"…"}}: the code the caller reads back; the outcome is recorded (admin event,
 *       activity row of type {@code helpdesk-verification}) and kept as the user's latest verification;
 *   <li>{@code GET}: the latest verification (who, when, method, masked destination, result), for the console or
 *       dashboard to show before the admin resets or unlocks.
 * </ul>
 *
 * <p>Codes come from the shared core ({@link OneTimeCodes}: salted HMAC, constant-time comparison, 5 tries, policy
 * lifetime, 30 s between sends, 5 sends per verification), kept in Keycloak's single-use-object store under a key of
 * realm, admin and user (cluster-wide, expiring by itself), bound to that admin: another admin cannot check a code they
 * did not send. Sends go through the one code pipeline ({@link CodeDelivery}) and count against the user's email and phone caps, like
 * the reset's. The code is never returned, logged or stored in clear; wrong codes do not block the user's
 * self-service gates (a caller pretending to be the user must not be able to lock the user out of self-service).
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class HelpdeskVerificationResource extends AdminResource {

    private static final Logger LOG = Logger.getLogger(HelpdeskVerificationResource.class);

    static final String EMAIL_TEMPLATE = "sspr-helpdesk-code.ftl";
    /** How long a verification's code state lives (codes themselves expire after the policy's code lifetime). */
    private static final long STATE_TTL_SECONDS = 30 * 60;

    private static final String NOTE_METHOD = "sspr.helpdesk.method";
    private static final String NOTE_TO = "sspr.helpdesk.to";
    /** Wrong codes from the caller's authenticator app in this verification (nothing is sent for the app). */
    private static final String NOTE_APP_TRIES = "sspr.helpdesk.appTries";

    private final String userId;

    public HelpdeskVerificationResource(Context context, String userId) {
        super(context);
        this.userId = userId;
    }

    public record SendRequest(String method) {}

    public record CheckRequest(String code) {}

    @POST
    @Path("send")
    public Response send(SendRequest request) {
        UserModel user = ManagedUser.require(session, realm, auth, userId);
        Map<String, Object> result = new LinkedHashMap<>();
        Optional<Method> method = Optional.ofNullable(request)
                .map(SendRequest::method)
                .flatMap(Method::fromId)
                .filter(m -> m != Method.QUESTIONS);
        // A passkey cannot be used over the phone: its ceremony needs the user's own browser.
        if (method.isEmpty() || method.get() == Method.RECOVERY_CODES || method.get() == Method.PASSKEY) {
            return status(
                    Response.Status.BAD_REQUEST, result, "invalid_request", "method must be email, sms, voice or otp");
        }
        if (method.get() == Method.OTP) {
            return askForAppCode(user, result);
        }
        Optional<String> destination = destination(user, method.get());
        if (destination.isEmpty()) {
            return status(
                    Response.Status.CONFLICT,
                    result,
                    "method_not_registered",
                    "The user has not registered this method");
        }
        String to = destination.get();
        SharedNoteStore notes = notes(user);
        CodeDelivery delivery =
                CodeDelivery.of(session, realm, PolicyForUser.of(session, realm).policyFor(user));
        result.put("method", method.get().id());
        result.put("to", mask(method.get(), to));
        SendOutcome sent = delivery.send(new CodeDelivery.Request(
                Purpose.HELPDESK, method.get(), to, user.getId(), user, binding(user, method.get()), notes, null));
        if (!sent.sent()) {
            notes.flush(STATE_TTL_SECONDS); // once per request: the store queues one insert per key
        }
        switch (sent.status()) {
            case COOLDOWN, SEND_LIMIT -> {
                result.put("retryAfterSeconds", sent.retryAfterSeconds());
                boolean cooldown = sent.status() == SendOutcome.Status.COOLDOWN;
                return status(
                        Response.Status.TOO_MANY_REQUESTS,
                        result,
                        cooldown ? "cooldown" : "send_limit",
                        cooldown
                                ? "Wait before sending another code"
                                : "Too many codes were sent in this verification; wait and start again");
            }
            case BLOCKED, REFUSED -> {
                if (Destinations.COUNTRY_NOT_ALLOWED.equals(sent.reason())
                        || Destinations.NUMBER_TYPE_REFUSED.equals(sent.reason())) {
                    // The country guard (docs/throttles.md): waiting does not help, another method might.
                    return status(
                            Response.Status.CONFLICT,
                            result,
                            sent.reason(),
                            "The policy does not allow codes to this number: " + sent.reason());
                }
                result.put("retryAfterSeconds", sent.retryAfterSeconds());
                return status(
                        Response.Status.TOO_MANY_REQUESTS, result, "throttled", "Sending is blocked: " + sent.reason());
            }
            case FAILED, UNAVAILABLE -> {
                return status(Response.Status.BAD_GATEWAY, result, "send_failed", failureText(sent.reason()));
            }
            default -> {}
        }
        notes.set(NOTE_METHOD, method.get().id());
        notes.set(NOTE_TO, mask(method.get(), to));
        notes.flush(STATE_TTL_SECONDS);
        event(user, "sspr-verify-send", method.get().id(), "sent");
        result.put("sent", true);
        result.put("expiresAt", sent.expiresAtMillis());
        result.put("sendsLeft", sent.sendsLeft());
        return Response.ok(result).build();
    }

    @POST
    @Path("check")
    public Response check(CheckRequest request) {
        UserModel user = ManagedUser.require(session, realm, auth, userId);
        Map<String, Object> result = new LinkedHashMap<>();
        SharedNoteStore notes = notes(user);
        Optional<Method> method = Method.fromId(notes.get(NOTE_METHOD));
        if (method.isEmpty()) {
            result.put("result", "no_code");
            return status(Response.Status.CONFLICT, result, "no_code", "Send a code first");
        }
        OneTimeCodes codes = CodeDelivery.of(
                        session, realm, PolicyForUser.of(session, realm).policyFor(user))
                .codes(method.get(), notes);
        CodeBinding binding = binding(user, method.get());
        VerifyResult verified;
        int triesLeft;
        if (method.get() == Method.OTP) {
            // The caller reads the code their app shows; Keycloak's OTP provider checks it (docs/helpdesk.md).
            int tries = Integer.parseInt(
                    Optional.ofNullable(notes.get(NOTE_APP_TRIES)).orElse("0"));
            if (tries >= CodeSettings.DEFAULT_MAX_TRIES) {
                verified = VerifyResult.TOO_MANY_TRIES;
            } else if (RegisteredMethods.of(user).factors().otpValid(user, request == null ? null : request.code())) {
                verified = VerifyResult.VALID;
            } else {
                verified = VerifyResult.WRONG;
                tries++;
                notes.set(NOTE_APP_TRIES, Integer.toString(tries));
            }
            triesLeft = Math.max(0, CodeSettings.DEFAULT_MAX_TRIES - tries);
        } else {
            verified = codes.verify(binding, request == null ? null : request.code());
            triesLeft = codes.triesLeft(binding);
        }
        String to = notes.get(NOTE_TO);
        if (verified == VerifyResult.VALID) {
            notes.remove(NOTE_METHOD);
            notes.remove(NOTE_TO);
            notes.remove(NOTE_APP_TRIES);
        }
        notes.flush(STATE_TTL_SECONDS);

        String outcome = outcome(verified);
        long now = Time.currentTimeMillis();
        Map<String, String> latest = new LinkedHashMap<>();
        latest.put("result", outcome);
        latest.put("method", method.get().id());
        latest.put("to", to == null ? "" : to);
        latest.put("time", Long.toString(now));
        latest.put("adminId", adminId());
        latest.put("admin", adminName());
        LatestVerifications.record(session, realm.getId(), user.getId(), latest);

        event(user, "sspr-verify-check", method.get().id(), outcome);
        boolean ok = verified == VerifyResult.VALID;
        AdminActivity.record(
                context(),
                user,
                ActivityType.HELPDESK_VERIFICATION,
                ok ? ActivityResult.SUCCEEDED : ActivityResult.FAILED,
                List.of(method.get().id()),
                ok ? null : "helpdesk_" + outcome,
                ok ? "completed" : "verify");
        result.put("result", outcome);
        result.put("verified", verified == VerifyResult.VALID);
        result.put("method", method.get().id());
        result.put("triesLeft", triesLeft);
        return Response.ok(result).build();
    }

    /** "Ask for a code from the app": nothing is sent; the next check asks Keycloak about the code the caller reads. */
    private Response askForAppCode(UserModel user, Map<String, Object> result) {
        if (!RegisteredMethods.of(user).factors().has(KeycloakFactor.OTP)) {
            return status(
                    Response.Status.CONFLICT, result, "method_not_registered", "The user has not set up this method");
        }
        SharedNoteStore notes = notes(user);
        notes.set(NOTE_METHOD, Method.OTP.id());
        notes.set(NOTE_TO, "");
        notes.set(NOTE_APP_TRIES, "0");
        notes.flush(STATE_TTL_SECONDS);
        event(user, "sspr-verify-send", Method.OTP.id(), "asked");
        result.put("method", Method.OTP.id());
        result.put("to", "");
        result.put("sent", false);
        result.put("askCaller", true);
        return Response.ok(result).build();
    }

    @GET
    public Response latest() {
        UserModel user = ManagedUser.require(session, realm, auth, userId);
        Map<String, String> latest = LatestVerifications.of(session, realm.getId(), user.getId());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("userId", user.getId());
        result.put("username", user.getUsername());
        if (latest == null) {
            result.put("result", "none");
            return Response.ok(result).build();
        }
        result.put("result", latest.get("result"));
        result.put("verified", "verified".equals(latest.get("result")));
        result.put("method", latest.get("method"));
        result.put("to", latest.get("to"));
        result.put("time", Long.parseLong(latest.getOrDefault("time", "0")));
        result.put("admin", latest.get("admin"));
        result.put("adminId", latest.get("adminId"));
        return Response.ok(result).build();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The registered destination for {@code method}: the recovery phone, the recovery email — or, for a helpdesk call
     * only, the account email when Keycloak marks it verified and the user registered no recovery email (the admin
     * chooses where to send, and the user reads the code back while on the phone).
     */
    private static Optional<String> destination(UserModel user, Method method) {
        Optional<String> registered = RegisteredMethods.of(user).destination(method);
        if (registered.isPresent() || method != Method.EMAIL) {
            return registered;
        }
        return user.isEmailVerified() && user.getEmail() != null ? Optional.of(user.getEmail()) : Optional.empty();
    }

    /** What the admin is told when the provider did not take the code. */
    private static String failureText(String reason) {
        if ("email_failed".equals(reason)) {
            return "The mail server did not accept the message";
        }
        if ("no_sms_sender".equals(reason)) {
            return "No SMS/voice sender is configured";
        }
        if (SendOutcome.numberCannotReceive(reason)) {
            return "This number cannot receive messages";
        }
        if (SendOutcome.channelUnavailable(reason)) {
            return "The provider keeps failing or too many sends wait; try again in a minute";
        }
        return "The provider failed: " + reason;
    }

    private SharedNoteStore notes(UserModel user) {
        return new SharedNoteStore(
                session.singleUseObjects(), "sspr:helpdesk:" + realm.getId() + ":" + adminId() + ":" + user.getId());
    }

    /** Bound to user and admin: a code one admin sent verifies only for that admin and that user. */
    private CodeBinding binding(UserModel user, Method method) {
        return new CodeBinding(user.getId(), "helpdesk:" + adminId(), realm.getId(), "helpdesk-" + method.id());
    }

    private void event(UserModel user, String action, String method, String outcome) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("method", method);
        representation.put("result", outcome);
        adminEvent
                .operation(OperationType.ACTION)
                .resource(ResourceType.USER)
                .resourcePath("users", user.getId(), action)
                .representation(representation)
                .success();
    }

    private static String outcome(VerifyResult verified) {
        return switch (verified) {
            case VALID -> "verified";
            case WRONG -> "wrong";
            case EXPIRED -> "expired";
            case TOO_MANY_TRIES -> "too_many_tries";
            case NO_CODE -> "no_code";
        };
    }

    private static String mask(Method method, String to) {
        if (method.keycloakFactor()) {
            return "";
        }
        return method == Method.EMAIL ? EmailAddresses.mask(to) : PhoneNumbers.mask(to);
    }

    private String adminId() {
        return auth.adminAuth().getUser().getId();
    }

    private String adminName() {
        return auth.adminAuth().getUser().getUsername();
    }

    private static Response status(Response.Status status, Map<String, Object> result, String error, String message) {
        result.put("error", error);
        result.put("message", message);
        return Response.status(status).entity(result).build();
    }
}
