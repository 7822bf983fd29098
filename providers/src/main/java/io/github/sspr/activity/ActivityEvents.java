package io.github.sspr.activity;

import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/**
 * Turns Keycloak events into activity rows. Pure: everything it needs is in the event, plus one fact the listener
 * reads from the (in-memory) authentication session — whether the event happened inside the reset-credentials flow.
 *
 * <p>Keycloak's update-password action reports each change twice (UPDATE_CREDENTIAL and the legacy UPDATE_PASSWORD);
 * only UPDATE_CREDENTIAL is recorded. A successful SEND_RESET_PASSWORD is a step, not an outcome, and is not recorded.
 */
public final class ActivityEvents {

    /** Event detail by which SSPR's own steps name the methods used, comma-separated (e.g. {@code email,sms}). */
    public static final String DETAIL_METHODS = "sspr_methods";
    /** Event detail by which SSPR's registration names the method registered. */
    public static final String DETAIL_METHOD = "sspr_method";
    /** Event detail by which SSPR's steps name the last step reached. */
    public static final String DETAIL_STEP = "sspr_step";
    /**
     * Event detail of the SSPR reset flow's one terminal event per flow (succeeded, failed, blocked, cancelled …). Its
     * step events carry {@link #DETAIL_STEP} without it and make no row: one flow, one row.
     */
    public static final String DETAIL_OUTCOME = "sspr_outcome";
    /** Event detail of the SSPR reset flow: {@code reset}, {@code unlock} or {@code factor} (lost authenticator). */
    public static final String DETAIL_MODE = "sspr_mode";
    /**
     * Value of {@link #DETAIL_STEP} on the event a "This wasn't me" link emits, whatever the event's type. The event
     * names the activity that was reported in {@link #DETAIL_TYPE} (an {@link ActivityType} id; a self-service reset
     * when absent) and its methods in {@link #DETAIL_METHODS}.
     */
    public static final String STEP_NOT_ME = "not-me";
    /** Event detail by which a "This wasn't me" report names the reported activity's type, e.g. {@code admin-reset}. */
    public static final String DETAIL_TYPE = "sspr_type";
    /**
     * Event detail of the SSPR reset flow: the flow's id (an opaque hash), on every event from the step that
     * identifies the user to the terminal outcome. It keys the flow's one row (see {@link #flowUpdate}).
     */
    public static final String DETAIL_FLOW = "sspr_flow";
    /**
     * Event detail of the SSPR reset flow: the furthest funnel step reached so far ({@code identified},
     * {@code gate-email}, {@code code-sms}, {@code new-password}, {@code password-set} …) — the step an abandoned
     * flow is counted at. {@link #DETAIL_STEP} names the event instead (gate-chosen, code-sent, gate-failed …).
     */
    public static final String DETAIL_REACHED = "sspr_reached";
    /** Value of {@link #DETAIL_STEP} on the event that starts a flow (its user is identified): it makes the row. */
    public static final String STEP_IDENTIFIED = "identified";

    public static final String PASSWORD = "password";
    private static final String SSPR_CREDENTIAL_PREFIX = "sspr-";

    /** Errors of the "who are you" step: the person never got to prove anything. */
    private static final Set<String> IDENTIFY_ERRORS =
            Set.of(Errors.USER_NOT_FOUND, Errors.USER_DISABLED, Errors.INVALID_USER, Errors.USERNAME_MISSING);

    private static final Pattern ADMIN_RESET_PATH = Pattern.compile("^users/([^/]+)/reset-password$");

    private ActivityEvents() {}

    private static final String RESET_CREDENTIALS_PATH = "reset-credentials";
    private static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";

    /**
     * Whether a password update happens at the end of the forgot-password flow rather than as a change. Checked on
     * Keycloak 26.7.3: when the new password is posted, the flow-path note already says {@code required-action}; what
     * tells the reset apart is that its "Reset Password" step put UPDATE_PASSWORD on the <em>authentication
     * session</em>. A forced change (admin, expiry) puts it on the user instead, and an application-initiated change
     * names it in the {@code kc_action} client note.
     */
    public static boolean isResetFlow(String flowPath, Set<String> authSessionRequiredActions, String kcAction) {
        if (RESET_CREDENTIALS_PATH.equals(flowPath)) {
            return true;
        }
        return authSessionRequiredActions != null
                && authSessionRequiredActions.contains(UPDATE_PASSWORD)
                && !UPDATE_PASSWORD.equals(kcAction);
    }

    /** Cheap pre-check, so that the listener returns at once for logins, token refreshes and the like. */
    public static boolean isRelevant(EventType type) {
        return switch (type) {
            case UPDATE_CREDENTIAL,
                    UPDATE_CREDENTIAL_ERROR,
                    RESET_PASSWORD,
                    SEND_RESET_PASSWORD_ERROR,
                    RESET_PASSWORD_ERROR,
                    USER_DISABLED_BY_TEMPORARY_LOCKOUT,
                    USER_DISABLED_BY_PERMANENT_LOCKOUT -> true;
            default -> false;
        };
    }

    /**
     * Whether an event is a "This wasn't me" report. Checked besides {@link #isRelevant}, whatever the event type the
     * reporting step uses: one map lookup, no database.
     */
    public static boolean isNotMeReport(Event event) {
        return event != null
                && event.getDetails() != null
                && STEP_NOT_ME.equals(event.getDetails().get(DETAIL_STEP));
    }

    /**
     * The row for a user event, if it is one we record.
     *
     * @param inResetFlow whether the event comes from the reset-credentials flow (forgot password)
     */
    public static Optional<ActivityRecord> fromEvent(Event event, boolean inResetFlow) {
        if (event == null || event.getType() == null || event.getRealmId() == null) {
            return Optional.empty();
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (isNotMeReport(event)) {
            ActivityType reported =
                    ActivityType.fromId(details.get(DETAIL_TYPE)).orElse(ActivityType.SELF_SERVICE_RESET);
            // Not "completed" even though the report itself went through: the row says what the owner reported.
            return Optional.of(row(
                    event,
                    details,
                    reported,
                    ActivityResult.REPORTED_NOT_ME,
                    methods(details, List.of()),
                    event.getError(),
                    STEP_NOT_ME));
        }
        if (!isRelevant(event.getType())) {
            return Optional.empty();
        }
        String credentialType = details.get(Details.CREDENTIAL_TYPE);
        boolean failed = event.getError() != null || event.getType().name().endsWith("_ERROR");
        ActivityResult result = failed ? ActivityResult.FAILED : ActivityResult.SUCCEEDED;
        String reason = failed ? reason(event, details) : null;

        if (details.containsKey(DETAIL_OUTCOME)) {
            return fromResetOutcome(event, details, reason);
        }
        if (details.containsKey(DETAIL_STEP)
                && (event.getType() == EventType.RESET_PASSWORD
                        || event.getType() == EventType.RESET_PASSWORD_ERROR
                        || (inResetFlow && PASSWORD.equals(credentialType)))) {
            return Optional.empty(); // a step of the SSPR reset flow; its terminal event makes the row
        }

        return switch (event.getType()) {
            case UPDATE_CREDENTIAL, UPDATE_CREDENTIAL_ERROR -> {
                if (PASSWORD.equals(credentialType)) {
                    // SSPR's change page names what it was: a user's own change, or a password set through an
                    // administrator's reset link (sspr_type=admin-reset).
                    boolean adminLink =
                            !inResetFlow && ActivityType.ADMIN_RESET.id().equals(details.get(DETAIL_TYPE));
                    ActivityType type = inResetFlow
                            ? ActivityType.SELF_SERVICE_RESET
                            : adminLink ? ActivityType.ADMIN_RESET : ActivityType.SELF_SERVICE_CHANGE;
                    List<String> methods = methods(details, inResetFlow ? List.of("email") : List.of(PASSWORD));
                    yield Optional.of(
                            row(event, details, type, result, methods, reason, step(details, "new-password")));
                }
                if (credentialType != null && credentialType.startsWith(SSPR_CREDENTIAL_PREFIX)) {
                    String method = details.getOrDefault(
                            DETAIL_METHOD, credentialType.substring(SSPR_CREDENTIAL_PREFIX.length()));
                    yield Optional.of(row(
                            event,
                            details,
                            ActivityType.REGISTRATION,
                            result,
                            List.of(method),
                            reason,
                            step(details, "register")));
                }
                yield Optional.empty();
            }
            case RESET_PASSWORD -> Optional.empty();
            case SEND_RESET_PASSWORD_ERROR ->
                Optional.of(row(
                        event,
                        details,
                        ActivityType.SELF_SERVICE_RESET,
                        ActivityResult.FAILED,
                        methods(details, List.of("email")),
                        reason,
                        step(details, "identify")));
            case RESET_PASSWORD_ERROR ->
                Optional.of(row(
                        event,
                        details,
                        ActivityType.SELF_SERVICE_RESET,
                        ActivityResult.FAILED,
                        methods(details, List.of()),
                        reason,
                        step(details, IDENTIFY_ERRORS.contains(event.getError()) ? "identify" : "verify")));
            case USER_DISABLED_BY_TEMPORARY_LOCKOUT, USER_DISABLED_BY_PERMANENT_LOCKOUT ->
                Optional.of(row(
                        event,
                        details,
                        ActivityType.BLOCKED,
                        ActivityResult.BLOCKED,
                        List.of(PASSWORD),
                        event.getType() == EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT
                                ? "permanent-lockout"
                                : "temporary-lockout",
                        "login"));
            default -> Optional.empty();
        };
    }

    /**
     * What an event of an SSPR reset flow that carries a flow id does to the flow's one row: the step that identifies
     * the user {@linkplain FlowUpdate.Kind#START starts} it (result {@code abandoned} until the flow ends), later steps
     * {@linkplain FlowUpdate.Kind#PROGRESS move} the step reached, methods and last error, and the terminal event
     * {@linkplain FlowUpdate.Kind#OUTCOME sets} how it ended. A flow never finished (tab closed) stays abandoned at the
     * step it reached. Empty for every other event, which {@link #fromEvent} handles.
     */
    public static Optional<FlowUpdate> flowUpdate(Event event) {
        if (event == null
                || event.getRealmId() == null
                || (event.getType() != EventType.RESET_PASSWORD && event.getType() != EventType.RESET_PASSWORD_ERROR)
                || event.getDetails() == null) {
            return Optional.empty();
        }
        Map<String, String> details = event.getDetails();
        String flowId = details.get(DETAIL_FLOW);
        if (flowId == null || flowId.isBlank() || isNotMeReport(event)) {
            return Optional.empty();
        }
        boolean failed = event.getError() != null || event.getType() == EventType.RESET_PASSWORD_ERROR;
        String reason = failed ? reason(event, details) : null;
        if (details.containsKey(DETAIL_OUTCOME)) {
            return fromResetOutcome(event, details, reason)
                    .map(row -> new FlowUpdate(flowId, FlowUpdate.Kind.OUTCOME, row));
        }
        String step = details.get(DETAIL_STEP);
        if (step == null) {
            return Optional.empty();
        }
        FlowUpdate.Kind kind =
                STEP_IDENTIFIED.equals(step) && !failed ? FlowUpdate.Kind.START : FlowUpdate.Kind.PROGRESS;
        return Optional.of(new FlowUpdate(
                flowId,
                kind,
                row(
                        event,
                        details,
                        resetType(details),
                        ActivityResult.ABANDONED,
                        methods(details, List.of()),
                        reason,
                        details.getOrDefault(DETAIL_REACHED, step))));
    }

    /**
     * One change to a reset flow's row.
     *
     * @param row for {@link Kind#START} and {@link Kind#OUTCOME} without a row yet: the row to add; otherwise the
     *     values to set (result, step, methods; the failure reason when not null, or always for an outcome)
     */
    public record FlowUpdate(String flowId, Kind kind, ActivityRecord row) {

        public enum Kind {
            /** The user is identified: add the flow's row, abandoned at {@code identified}. */
            START,
            /** A later step: update the row's step reached, methods and last error; no row, no change. */
            PROGRESS,
            /** The flow's one terminal event: update its row, or add one if there is none. */
            OUTCOME
        }
    }

    private static ActivityType resetType(Map<String, String> details) {
        return switch (String.valueOf(details.get(DETAIL_MODE))) {
            case "unlock" -> ActivityType.SELF_SERVICE_UNLOCK;
            case "factor" -> ActivityType.FACTOR_RESET;
            default -> ActivityType.SELF_SERVICE_RESET;
        };
    }

    /** The row of the SSPR reset flow's terminal event. */
    private static Optional<ActivityRecord> fromResetOutcome(Event event, Map<String, String> details, String reason) {
        ActivityResult result =
                ActivityResult.fromId(details.get(DETAIL_OUTCOME)).orElse(ActivityResult.FAILED);
        ActivityType type = resetType(details);
        return Optional.of(row(
                event,
                details,
                type,
                result,
                methods(details, List.of()),
                result == ActivityResult.SUCCEEDED ? null : reason,
                step(details, "identify")));
    }

    /** The user id of an admin's password reset ({@code PUT users/{id}/reset-password}), if the event is one. */
    public static Optional<String> adminResetUserId(AdminEvent event) {
        if (event == null
                || event.getResourceType() != ResourceType.USER
                || event.getOperationType() != OperationType.ACTION
                || event.getResourcePath() == null) {
            return Optional.empty();
        }
        Matcher matcher = ADMIN_RESET_PATH.matcher(event.getResourcePath());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The row for an admin's password reset of a user; the caller resolves the username and the admin's client id
     * ({@code AuthDetails} carries the client's internal id, which means nothing to a reader).
     */
    public static ActivityRecord fromAdminReset(AdminEvent event, String userId, String username, String client) {
        boolean failed = event.getError() != null;
        String ip =
                event.getAuthDetails() == null ? null : event.getAuthDetails().getIpAddress();
        return new ActivityRecord(
                ActivityRecord.newId(),
                event.getRealmId(),
                event.getTime(),
                userId,
                username,
                ActivityType.ADMIN_RESET,
                failed ? ActivityResult.FAILED : ActivityResult.SUCCEEDED,
                List.of("admin"),
                failed ? event.getError() : null,
                "new-password",
                ip,
                client);
    }

    /** A row about the event's user; a success's step is {@code completed}. */
    private static ActivityRecord row(
            Event event,
            Map<String, String> details,
            ActivityType type,
            ActivityResult result,
            List<String> methods,
            String reason,
            String step) {
        return new ActivityRecord(
                ActivityRecord.newId(),
                event.getRealmId(),
                event.getTime(),
                event.getUserId(),
                details.get(Details.USERNAME),
                type,
                result,
                methods,
                reason,
                result == ActivityResult.SUCCEEDED ? "completed" : step,
                event.getIpAddress(),
                event.getClientId());
    }

    private static String reason(Event event, Map<String, String> details) {
        String detailReason = details.get(Details.REASON);
        if (event.getError() != null && detailReason != null && !detailReason.equals(event.getError())) {
            return event.getError() + ": " + detailReason;
        }
        return event.getError() != null ? event.getError() : detailReason;
    }

    private static List<String> methods(Map<String, String> details, List<String> otherwise) {
        String named = details.get(DETAIL_METHODS);
        return named == null || named.isBlank() ? otherwise : ActivityRecord.splitMethods(named);
    }

    private static String step(Map<String, String> details, String otherwise) {
        return details.getOrDefault(DETAIL_STEP, otherwise);
    }
}
