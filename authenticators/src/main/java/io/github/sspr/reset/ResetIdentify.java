package io.github.sspr.reset;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.captcha.ProofOfWork;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.otp.store.AuthSessionNoteStore;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.reset.machine.IdentifyRule;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.store.Throttle;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * "Reset your password": who are you (username or email), a proof-of-work check instead of an outside CAPTCHA, and, when
 * the policy allows it, whether the person wants a new password or only to unlock the account.
 *
 * <p>Anti-enumeration (docs/reset.md; docs/architecture.md, "Security numbers"): every username gets the same answer. An unknown, disabled, unregistered or
 * not-enabled account walks the decoy path — the same pages with a made-up, stable set of masked methods, where nothing is
 * ever sent and no gate can pass. The true cause goes into the event only.
 */
public final class ResetIdentify extends ResetStep {

    static final String FIELD_USERNAME = "username";
    static final String FIELD_MODE = "sspr-mode";
    static final String FIELD_POW = "sspr-pow";
    /** "I lost my authenticator app or security key": the same page again, in that mode (nothing looked up). */
    static final String FIELD_SWITCH = "sspr-switch-mode";

    static final String TEMPLATE = "sspr-reset-identify.ftl";
    private static final int MAX_USERNAME = 255;

    private final TimingFloor floor;

    ResetIdentify(KeycloakSession session, TimingFloor floor) {
        super(session);
        this.floor = floor;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        // "Unlock my account" on the sign-in page links here with sspr-mode=unlock: preselect that choice; the identify
        // page's own "I lost my authenticator app or security key" links here with sspr-mode=factor.
        context.challenge(page(
                context, null, "", context.getUriInfo().getQueryParameters().getFirst(FIELD_MODE)));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        ResetIdentifyConfig cfg = ResetIdentifyConfig.of(context.getAuthenticatorConfig());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String username = form.getFirst(FIELD_USERNAME) == null
                ? ""
                : form.getFirst(FIELD_USERNAME).strip();
        ResetState state = new ResetState(context.getAuthenticationSession());
        if (ResetState.MODE_FACTOR.equals(form.getFirst(FIELD_SWITCH))) {
            // The link is a button of this page (a post, so that it stays in this flow): the same for every visitor,
            // and it neither looks anything up nor counts as an attempt.
            context.challenge(page(context, null, "", ResetState.MODE_FACTOR));
            return;
        }
        if (username.length() > MAX_USERNAME) {
            username = username.substring(0, MAX_USERNAME);
        }

        // The per-address limit (docs/throttles.md) before anything else, and before the name is looked up: the same
        // answer for every name. The address is Keycloak's, resolved behind its configured proxy; never a raw header.
        Throttle throttle = Throttle.forSession(session, context.getRealm());
        Decision fromAddress =
                throttle.tryIdentify(session.getContext().getConnection().getRemoteAddr());
        if (!fromAddress.allowed()) {
            ResetSupport.step(context, state, "identify", "sspr_identify_throttled", fromAddress.rule());
            String wait = LoginMessages.of(
                            session, context.getRealm(), session.getContext().resolveLocale(null))
                    .duration(Duration.ofSeconds(fromAddress.retryAfterSeconds()));
            context.failureChallenge(
                    AuthenticationFlowError.INVALID_USER,
                    page(
                            context,
                            new FormMessage(FIELD_USERNAME, "sspr.reset.error.tooManyFromAddress", wait),
                            username));
            return;
        }
        if (cfg.captchaBits() > 0
                && !new ProofOfWork(new AuthSessionNoteStore(context.getAuthenticationSession()))
                        .verify(form.getFirst(FIELD_POW))) {
            state.set(ResetState.USERNAME, username.isEmpty() ? null : username);
            ResetSupport.step(context, state, "identify", "sspr_captcha_failed", "proof-of-work missing or wrong");
            context.failureChallenge(
                    AuthenticationFlowError.INVALID_USER,
                    page(context, new FormMessage(FIELD_USERNAME, "sspr.reset.error.captcha"), username));
            return;
        }
        if (username.isEmpty()) {
            ResetSupport.step(context, state, "identify", "username_missing", null);
            context.failureChallenge(
                    AuthenticationFlowError.INVALID_USER,
                    page(context, new FormMessage(FIELD_USERNAME, "sspr.reset.error.usernameMissing"), username));
            return;
        }

        RealmModel realm = context.getRealm();
        long started = floor.start();
        UserModel user;
        try {
            user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, username);
        } catch (ModelDuplicateException e) {
            user = null; // two accounts share the email: neither can be chosen by it
        }
        PolicyForUser policies = PolicyForUser.of(session, realm);
        boolean factor = ResetState.MODE_FACTOR.equals(form.getFirst(FIELD_MODE));
        boolean unlock = !factor
                && ResetState.MODE_UNLOCK.equals(form.getFirst(FIELD_MODE))
                && policies.realmPolicy().selfServiceUnlock();

        // Who may reset is the policy-for-user rule's answer; everyone else walks the decoy path. A lost-authenticator
        // recovery asks the same rule in that mode (docs/reset.md, "Lost authenticator"), the decoy path included.
        RegisteredMethods methods = user == null ? null : RegisteredMethods.of(user);
        ResetAccess access = user == null ? null : policies.forUser(user, methods);
        if (factor && access != null) {
            access = access.factorReset();
        }
        String decoy = IdentifyRule.decoyCause(
                access,
                user != null && user.isEnabled(),
                // A lost-authenticator recovery unlocks nothing, so a disabled account cannot walk it.
                !factor
                        && user != null
                        && !user.isEnabled()
                        && unlockablePermanentLockout(realm, user, access.policy()));

        state.set(ResetState.USERNAME, username);
        state.set(
                ResetState.MODE,
                factor ? ResetState.MODE_FACTOR : unlock ? ResetState.MODE_UNLOCK : ResetState.MODE_RESET);
        state.set(ResetState.FACTOR_REMOVED, null);
        state.set(ResetState.PASSED, null);
        state.set(ResetState.METHOD, null);
        if (decoy == null) {
            state.set(ResetState.SUBJECT, user.getId());
            state.set(ResetState.USER_ID, user.getId());
            state.set(ResetState.DECOY, null);
            state.set(ResetState.GATES, Integer.toString(access.gatesRequired()));
            state.set(
                    ResetState.MUST_PASS,
                    access.mustPass() == null ? null : access.mustPass().id());
            // Not context.setUser: the flow holds no user until the gates are passed (ResetSupport.flowUser), so that
            // Keycloak's own work around each gates request (it loads the flow's user) is alike for accounts and
            // decoys.
            ResetSupport.handOver(session, user, methods, access);
        } else {
            // The decoy asks for as many gates as an ordinary user would, so the page says "step 1 of N" alike.
            SsprPolicy ordinary = factor ? ResetAccess.factorResetPolicy(policies.ordinary()) : policies.ordinary();
            state.set(
                    ResetState.SUBJECT,
                    DecoyProfile.of(ResetSupport.realmSecret(session, realm), username)
                            .subject());
            state.set(ResetState.USER_ID, null);
            state.set(ResetState.MUST_PASS, null);
            state.set(ResetState.DECOY, decoy);
            state.set(ResetState.GATES, Integer.toString(ordinary.gatesRequired()));
        }
        // The pages show the name as typed, for everyone: keycloak.v2 would otherwise show the attempted-username box
        // only when a real user is set on the flow, which would tell a real account from a decoy.
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, username);
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.USERNAME_HIDDEN, "true");
        state.set(ResetState.STEP, "identified");
        ResetSupport.step(context, state, "identified", null, null);
        context.success();
        // The whole answer (the next step's chooser page and the commit included) ends on the floor, measured from the
        // lookup (docs/reset-identify.md). Enlisted last: after the activity listener's hook of this request's events.
        floor.padAtEnd(session.getTransactionManager(), started, decoy != null);
    }

    /** A user that brute-force protection disabled for good can still reset when the policy unlocks on reset. */
    private boolean unlockablePermanentLockout(RealmModel realm, UserModel user, SsprPolicy policy) {
        if (!policy.unlockOnReset() || !realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return protector != null && protector.isPermanentlyLockedOut(session, realm, user);
    }

    private Response page(AuthenticationFlowContext context, FormMessage error, String username) {
        return page(
                context,
                error,
                username,
                context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD_MODE));
    }

    private Response page(AuthenticationFlowContext context, FormMessage error, String username, String mode) {
        ResetIdentifyConfig cfg = ResetIdentifyConfig.of(context.getAuthenticatorConfig());
        ResetState state = new ResetState(context.getAuthenticationSession());
        var form = ResetSupport.form(context, state);
        if (cfg.captchaBits() > 0) {
            ProofOfWork.Challenge challenge = new ProofOfWork(
                            new AuthSessionNoteStore(context.getAuthenticationSession()))
                    .issue(cfg.captchaBits());
            form.setAttribute("ssprPowChallenge", challenge.value());
            form.setAttribute("ssprPowBits", challenge.bits());
        } else {
            form.setAttribute("ssprPowBits", 0);
        }
        form.setAttribute(
                "ssprUnlockOffered",
                PolicyForUser.of(session, context.getRealm()).realmPolicy().selfServiceUnlock());
        form.setAttribute("ssprUsername", username == null ? "" : username);
        form.setAttribute("ssprModeUnlock", ResetState.MODE_UNLOCK.equals(mode));
        // "I lost my authenticator app or security key" (the same link for every visitor) comes back here in that mode.
        form.setAttribute("ssprModeFactor", ResetState.MODE_FACTOR.equals(mode));
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
