package io.github.sspr.reset;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.activity.ActivityEvents;
import io.github.sspr.branding.Branding;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.policy.SsprPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/** What every reset step shares: the policy in effect, the page frame, and the funnel's events. */
final class ResetSupport {

    /** Event detail: the funnel step (identified, gate-offered, gate-passed, gate-failed, blocked, password-set …). */
    static final String DETAIL_STEP = ActivityEvents.DETAIL_STEP;
    /** Event detail: the flow's terminal outcome (succeeded, failed, blocked, cancelled); once per flow. */
    static final String DETAIL_OUTCOME = "sspr_outcome";
    /** Event detail: {@code reset}, {@code unlock} or {@code factor} (lost authenticator). */
    static final String DETAIL_MODE = "sspr_mode";
    /** Event detail: the methods used so far, comma-separated. */
    static final String DETAIL_METHODS = ActivityEvents.DETAIL_METHODS;
    /** Event detail: why the flow walks the decoy path (unknown, disabled, unregistered, not-enabled, locked). */
    static final String DETAIL_DECOY = "sspr_decoy";
    /** Event detail: the masked destination of a code. */
    static final String DETAIL_DESTINATION = "sspr_destination";
    /** Event detail: this flow's id, so that the activity report keeps one row per flow (see {@link #flowId}). */
    static final String DETAIL_FLOW = ActivityEvents.DETAIL_FLOW;
    /** Event detail: the furthest funnel step reached so far ({@link ResetState#STEP}: identified, gate-email …). */
    static final String DETAIL_REACHED = ActivityEvents.DETAIL_REACHED;

    private ResetSupport() {}

    /** The policy in effect for {@code user} (privileged users: 2 gates, no questions), from {@link PolicyForUser}. */
    static SsprPolicy policyFor(AuthenticationFlowContext context, UserModel user) {
        return PolicyForUser.of(context.getSession(), context.getRealm()).policyFor(user);
    }

    /** What identify read about its user: handed to the gates step when it runs in the same request. */
    record UserRead(String userId, RegisteredMethods methods, ResetAccess access) {}

    private static final String USER_READ = "sspr.reset.userRead";

    /**
     * Identify read the user's credentials and asked the policy-for-user rule; the gates step that Keycloak runs next in
     * the same request uses that answer instead of reading and asking again (one credential read per request). Kept in
     * the request's session only, never in the flow's notes.
     */
    static void handOver(KeycloakSession session, UserModel user, RegisteredMethods methods, ResetAccess access) {
        session.setAttribute(USER_READ, new UserRead(user.getId(), methods, access));
    }

    /** What identify read in this request about {@code user}, once; empty in any later request. */
    static Optional<UserRead> takeHandOver(KeycloakSession session, UserModel user) {
        UserRead read = session.getAttribute(USER_READ, UserRead.class);
        if (read == null) {
            return Optional.empty();
        }
        session.removeAttribute(USER_READ);
        return read.userId().equals(user.getId()) ? Optional.of(read) : Optional.empty();
    }

    /** The gates policy of this flow's mode: a lost-authenticator recovery's own ({@link ResetAccess#factorResetPolicy}). */
    static SsprPolicy gatesPolicyFor(AuthenticationFlowContext context, ResetState state, UserModel user) {
        SsprPolicy policy = policyFor(context, user);
        return state.factorMode() ? ResetAccess.factorResetPolicy(policy) : policy;
    }

    /** The form with the realm's branding and the helpdesk link (every SSPR page shows both). */
    static LoginFormsProvider form(AuthenticationFlowContext context, ResetState state) {
        LoginFormsProvider form = context.form();
        RealmModel realm = context.getRealm();
        SsprPolicy policy = PolicyForUser.of(context.getSession(), realm).realmPolicy();
        Branding.of(policy, realm.getDisplayName(), realm.getName()).applyTo(form);
        form.setAttribute("ssprMode", state.mode());
        form.setAttribute("ssprStepNumber", Math.min(state.passed().size() + 1, state.gatesRequired()));
        form.setAttribute("ssprStepCount", state.gatesRequired());
        return form;
    }

    /** A funnel step event (never a terminal outcome). */
    static void step(AuthenticationFlowContext context, ResetState state, String step, String error, String reason) {
        if ("identified".equals(step)) {
            state.set(ResetState.FLOW, flowId(context.getAuthenticationSession()));
        }
        EventBuilder event = base(context, state).detail(DETAIL_STEP, step);
        send(event, error, reason);
    }

    /**
     * The flow's one terminal outcome: recorded once (a note guards it), carrying the furthest step reached and the
     * methods used, so that the activity report gets exactly one row per flow.
     */
    /** Key prefix of a flow's outcome claim in the single-use-object store, and how long the claim is kept. */
    private static final String OUTCOME_CLAIM = "sspr:outcome:";

    private static final long OUTCOME_CLAIM_SECONDS = 24 * 60 * 60;

    static void outcome(
            AuthenticationFlowContext context,
            ResetState state,
            String outcome,
            String step,
            String error,
            String reason) {
        if (state.get(ResetState.OUTCOME) != null) {
            return;
        }
        state.set(ResetState.OUTCOME, outcome);
        // The note travels with the flow but is not locked: two requests racing on two nodes could both see it unset.
        // The claim in the cluster-wide store is atomic, so exactly one of them records the outcome (docs/cluster.md).
        String flow = state.get(ResetState.FLOW);
        if (flow != null
                && !context.getSession().singleUseObjects().putIfAbsent(OUTCOME_CLAIM + flow, OUTCOME_CLAIM_SECONDS)) {
            return;
        }
        EventBuilder event =
                base(context, state).detail(DETAIL_OUTCOME, outcome).detail(DETAIL_STEP, step);
        send(event, error, reason);
    }

    /** Sends a funnel event: a success, or a reset-password error with its reason. */
    private static void send(EventBuilder event, String error, String reason) {
        if (reason != null) {
            event.detail(Details.REASON, reason);
        }
        if (error == null) {
            event.success();
        } else {
            event.event(EventType.RESET_PASSWORD_ERROR).error(error);
        }
    }

    private static EventBuilder base(AuthenticationFlowContext context, ResetState state) {
        EventBuilder event = context.getEvent().clone().event(EventType.RESET_PASSWORD);
        event.detail(DETAIL_MODE, state.mode());
        String username = state.username();
        if (!username.isEmpty()) {
            event.detail(Details.USERNAME, username);
        }
        String methods = state.methodsDetail();
        if (!methods.isEmpty()) {
            event.detail(DETAIL_METHODS, methods);
        }
        if (state.get(ResetState.FLOW) != null) {
            event.detail(DETAIL_FLOW, state.get(ResetState.FLOW));
        }
        if (state.get(ResetState.STEP) != null) {
            event.detail(DETAIL_REACHED, state.get(ResetState.STEP));
        }
        if (state.isDecoy()) {
            event.detail(DETAIL_DECOY, state.decoyCause()).user((String) null);
        } else if (state.get(ResetState.USER_ID) != null) {
            event.user(state.get(ResetState.USER_ID));
        }
        return event;
    }

    /**
     * The account a flow identified, or {@code null} on the decoy path or when it was removed since. Until the gates
     * are passed the flow does not hold it as Keycloak's authenticated user: Keycloak loads that user around every
     * request of the flow, which a decoy has not, so holding it would make an account's answers slower than a decoy's
     * outside the steps' timing floor (docs/reset-identify.md).
     */
    static UserModel flowUser(KeycloakSession session, RealmModel realm, ResetState state) {
        String id = state.get(ResetState.USER_ID);
        return id == null || state.isDecoy() ? null : session.users().getUserById(realm, id);
    }

    /**
     * A new flow id, made when a flow identifies its user: a hash of the root authentication session, the tab and a
     * random nonce (a restart in the same tab is a new flow). Hashed, because the root session id is the browser's
     * AUTH_SESSION_ID cookie and events are stored and shown to admins.
     */
    static String flowId(AuthenticationSessionModel authSession) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String input =
                    authSession.getParentSession().getId() + "\n" + authSession.getTabId() + "\n" + UUID.randomUUID();
            byte[] digest = sha.digest(input.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java runtime has SHA-256
        }
    }

    /** Ends the flow: back to the sign-in page with a message; the flow's notes are cleared first. */
    static void endWithError(AuthenticationFlowContext context, ResetState state, String key, Object... params) {
        state.clear();
        context.forkWithErrorMessage(new FormMessage(key, params));
    }

    static void endWithSuccess(AuthenticationFlowContext context, ResetState state, String key) {
        state.clear();
        context.forkWithSuccessMessage(new FormMessage(key));
    }

    /**
     * Secret bytes of the realm for the decoy profile: its active HMAC signing key (generated by Keycloak for every
     * realm). Falls back to the realm id, which keeps the decoy stable but guessable, should a realm have no HMAC key.
     */
    static byte[] realmSecret(KeycloakSession session, RealmModel realm) {
        try {
            KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
            if (key != null && key.getSecretKey() != null) {
                return key.getSecretKey().getEncoded();
            }
        } catch (RuntimeException e) {
            // no HMAC key provider in this realm
        }
        return ("sspr-decoy:" + realm.getId()).getBytes(StandardCharsets.UTF_8);
    }

    static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
