package io.github.sspr.reset;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.KeycloakFactors;
import io.github.sspr.credentials.PasskeyCeremony;
import io.github.sspr.credentials.PasswordHashAnswerHasher;
import io.github.sspr.credentials.RecoveryMixes;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.delivery.CodeDelivery;
import io.github.sspr.delivery.rule.Purpose;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.otp.store.AuthSessionNoteStore;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.reset.machine.GateMachine;
import io.github.sspr.reset.machine.GatePorts;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.store.GateAttempt;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One request of the reset's gates step: the {@link GateMachine} and its ports over Keycloak — the throttle, the code
 * pipeline ({@link CodeDelivery}, purpose {@link Purpose#RESET}), the question scheme and the flow's events.
 */
final class GateRequest implements GatePorts {
    private final KeycloakSession session;
    final AuthenticationFlowContext context;
    final ResetState state;
    private final RealmModel realm;
    private final AuthenticationSessionModel authSession;
    private final UserModel user;
    private final SsprPolicy policy;
    final Registration registration;
    /** The user's Keycloak factors; {@code null} on the decoy path. */
    private final KeycloakFactors factors;

    final CodeDelivery delivery;
    final GateMachine machine;
    /** The page's words and views in the person's language. */
    final GatePage page;
    /** The questions gate: draw, and one hash per answer set. */
    private final QuestionGate questions;
    /** The verification counted by {@link #beginAttempt}: one per request. */
    private GateAttempt attempt;

    GateRequest(KeycloakSession session, AuthenticationFlowContext context, ResetState state) {
        this.session = session;
        this.context = context;
        this.state = state;
        this.realm = context.getRealm();
        this.authSession = context.getAuthenticationSession();
        this.user = state.isDecoy() ? null : ResetSupport.flowUser(session, context.getRealm(), state);
        PolicyForUser policies = PolicyForUser.of(session, realm);
        if (user != null) {
            // Read once per request: in identify's request, identify's read (ResetSupport.handOver).
            ResetSupport.UserRead read = ResetSupport.takeHandOver(session, user)
                    .orElseGet(() -> {
                        RegisteredMethods fresh = RegisteredMethods.of(user);
                        return new ResetSupport.UserRead(user.getId(), fresh, policies.forUser(user, fresh));
                    });
            RegisteredMethods methods = read.methods();
            ResetAccess access = read.access();
            if (state.factorMode()) {
                access = access.factorReset(); // only the gates a lost-authenticator recovery may use
            }
            this.policy = access.policy();
            this.registration = Registration.of(methods, access);
            this.factors = methods.factors();
        } else {
            this.factors = null;
            this.policy = state.factorMode() ? ResetAccess.factorResetPolicy(policies.ordinary()) : policies.ordinary();
            this.registration = DecoyProfile.of(ResetSupport.realmSecret(session, realm), state.username())
                    .registration(
                            policy, state.gatesRequired(), Time.currentTimeMillis(), RecoveryMixes.of(session, realm));
        }
        this.delivery = CodeDelivery.of(session, realm, policy);
        this.machine = new GateMachine(state, registration.masked(), policy.confirmPhoneNumber(), this);
        Map<String, Question> known = GatePage.knownQuestions(policy);
        this.page = new GatePage(session, realm, state, known);
        this.questions = new QuestionGate(
                PasswordHashAnswerHasher.forRealm(session, realm),
                registration.questions(),
                registration.questionSecrets(),
                known);
    }

    /** The gates are passed: from here on the flow holds the user, for the steps after the gates. */
    void passed() {
        context.setUser(user);
    }

    // --------------------------------------------------------------------------------------------- ports

    @Override
    public Decision checkGate(Method method) { // a capped phone too, before the click (docs/throttles.md)
        Registration.Entry entry = registration.entries().get(method);
        return delivery.check(method, user == null || entry == null ? null : entry.destination(), state.subject());
    }

    @Override
    public Decision beginAttempt(Method method) {
        attempt = delivery.throttle().attemptGate(state.subject(), method);
        return attempt.decision();
    }

    @Override
    public Decision attemptFailed(Method method) {
        return attempt.failed();
    }

    @Override
    public void attemptUndone(Method method) {
        attempt.undo();
    }

    @Override
    public SendOutcome send(Method method, boolean deliver) {
        Registration.Entry entry = registration.entries().get(method);
        String destination = deliver && entry != null ? entry.destination() : null;
        return delivery.send(new CodeDelivery.Request(
                Purpose.RESET,
                method,
                destination,
                state.subject(),
                user,
                binding(method),
                new AuthSessionNoteStore(authSession),
                failureKey(method)));
    }

    @Override
    public Optional<String> takeSendFailure(Method method) {
        return delivery.takeFailure(failureKey(method));
    }

    @Override
    public VerifyResult verifyCode(Method method, String input) {
        return delivery.codes(method, new AuthSessionNoteStore(authSession)).verify(binding(method), input);
    }

    @Override
    public boolean factorValid(Method method, String input) {
        if (method == Method.PASSKEY) {
            // The assertion's fields come from the form Keycloak's webauthnAuthenticate.js posts, not from one input.
            boolean real =
                    user != null && factors != null && registration.entries().containsKey(method);
            Map<String, String> fields = new HashMap<>();
            var form = context.getHttpRequest().getDecodedFormParameters();
            PasskeyCeremony.FIELDS.forEach(f -> fields.put(f, form.getFirst(f)));
            return new PasskeyCeremony(session, realm)
                    .verify(authSession, real ? user : null, real ? factors.passkeyTypes() : List.of(), fields);
        }
        if (user == null || factors == null || !registration.entries().containsKey(method)) {
            return KeycloakFactors.decoyCheck(input);
        }
        return switch (method) {
            case OTP -> factors.otpValid(user, input);
            case RECOVERY_CODES -> factors.recoveryCodeValid(user, input);
            default -> false;
        };
    }

    /** The passkey page: options alike for every name, and the user's (or the decoy's made-up) credential ids. */
    Map<String, Object> passkeyPage() {
        PasskeyCeremony.Options options = new PasskeyCeremony(session, realm).begin(authSession);
        Registration.Entry entry = registration.entries().get(Method.PASSKEY);
        String ids = entry == null || entry.destination() == null ? "" : entry.destination();
        return Map.of(
                "challenge", options.challenge(),
                "rpId", options.rpId(),
                "userVerification", options.userVerification(),
                "timeout", options.timeoutSeconds(),
                "ids", Arrays.stream(ids.split(" ")).filter(id -> !id.isEmpty()).toList());
    }

    @Override
    public int recoveryCodesLeft() {
        return factors == null ? 0 : factors.recoveryCodesLeft() - 1;
    }

    @Override
    public int triesLeft(Method method) {
        return delivery.codes(method, new AuthSessionNoteStore(authSession)).triesLeft(binding(method));
    }

    @Override
    public boolean phoneMatches(Method method, String typed) {
        Registration.Entry entry = registration.entries().get(method);
        return entry != null && PhoneNumbers.sameNumber(typed, entry.destination());
    }

    @Override
    public Optional<List<String>> drawQuestions() {
        return questions.draw();
    }

    @Override
    public boolean answersRight(List<String> asked, Map<String, String> answers) {
        return questions.right(asked, answers);
    }

    @Override
    public void burnAnswerCheck(Map<String, String> answers) {
        questions.burn(answers);
    }

    @Override
    public void step(String step, String error, String reason) {
        ResetSupport.step(context, state, step, error, reason);
    }

    @Override
    public void outcome(String outcome, String step, String error, String reason) {
        ResetSupport.outcome(context, state, outcome, step, error, reason);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private CodeBinding binding(Method method) {
        return AuthSessionNoteStore.binding(authSession, state.subject(), "reset-" + method.id());
    }

    private String failureKey(Method method) {
        return ResetGates.SEND_FAILURE_PREFIX + authSession.getParentSession().getId() + ":" + authSession.getTabId()
                + ":" + method.id();
    }
}
