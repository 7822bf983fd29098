package io.github.sspr.reset;

import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.RecoveryMixes;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.questions.PasswordHashAnswerHasher;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.QuestionBank;
import io.github.sspr.credentials.questions.SecurityQuestionsScheme;
import io.github.sspr.notify.AfterCommit;
import io.github.sspr.otp.AuthSessionNoteStore;
import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.otp.IssueResult;
import io.github.sspr.otp.OneTimeCodes;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.sms.Channel;
import io.github.sspr.sms.OutboundMessage;
import io.github.sspr.sms.PhoneNumbers;
import io.github.sspr.sms.SmsSendException;
import io.github.sspr.sms.SmsSender;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.Throttle;
import io.github.sspr.throttle.ThrottleRules;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The verification gates: as many as the policy asks (1 or 2; privileged users 2), each passed with a different factor
 * of the user's registered methods — alternate-email code, SMS code, voice call, security questions. The user picks
 * ("try another way" lists the others, masked); picking never passes a gate, only a right code or answer set does.
 *
 * <p>Codes go through the shared one-time-code core (bound to user, flow and tab; 5 tries; expiry; cooldown; per-flow
 * send cap) and the shared throttle (failures per account and gate, sends per account, number and country). Sends start
 * a moment after the request has been answered ({@link AfterCommit}), so the decoy path — where nothing is sent —
 * takes the same time (bench/reset-timing.sh measures it; a real account's answer is still about 1 ms slower). A send
 * that fails is reported on the code page at the user's next step, and in an event.
 */
public final class ResetGates extends ResetStep {

    private static final Logger LOG = Logger.getLogger(ResetGates.class);

    static final String ACTION = "sspr-action";
    static final String TEMPLATE_CHOOSE = "sspr-reset-choose.ftl";
    static final String TEMPLATE_CODE = "sspr-reset-code.ftl";
    static final String TEMPLATE_PHONE = "sspr-reset-phone.ftl";
    static final String TEMPLATE_QUESTIONS = "sspr-reset-questions.ftl";
    static final String EMAIL_TEMPLATE = "sspr-reset-code.ftl";

    /** Single-use-object key prefix under which a failed background send is reported back to the flow. */
    static final String SEND_FAILURE_PREFIX = "sspr:sendfail:";

    private static final int SEND_FAILURE_TTL_SECONDS = 600;

    ResetGates(KeycloakSession session) {
        super(session);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        ResetState state = new ResetState(context.getAuthenticationSession());
        if (!state.identified()) {
            context.resetFlow();
            return;
        }
        if (state.gatesDone() && !state.isDecoy()) {
            context.success();
            return;
        }
        new Request(context, state).showCurrent(null);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        ResetState state = new ResetState(context.getAuthenticationSession());
        if (!state.identified()) {
            context.resetFlow();
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Request request = new Request(context, state);
        String action = form.getFirst(ACTION);
        switch (action == null ? "" : action) {
            case "choose" -> request.choose(form.getFirst("method"));
            case "confirm-phone" -> request.confirmPhone(form.getFirst("phone"));
            case "verify" -> request.verify(form.getFirst("code"));
            case "resend" -> request.resend();
            case "answer" -> request.answer(form);
            case "other" -> request.other();
            case "cancel" -> request.cancel();
            default -> request.showCurrent(null);
        }
    }

    /** One request of the gates step. */
    private final class Request {
        private final AuthenticationFlowContext context;
        private final ResetState state;
        private final RealmModel realm;
        private final AuthenticationSessionModel authSession;
        private final UserModel user;
        private final SsprPolicy policy;
        private final Registration registration;
        private final Throttle throttle;

        Request(AuthenticationFlowContext context, ResetState state) {
            this.context = context;
            this.state = state;
            this.realm = context.getRealm();
            this.authSession = context.getAuthenticationSession();
            this.user = state.isDecoy() ? null : context.getUser();
            this.policy = ResetSupport.policyFor(realm, user);
            this.registration = user != null
                    ? Registration.of(user, policy)
                    : DecoyProfile.of(ResetSupport.realmSecret(session, realm), state.username())
                            .registration(
                                    policy,
                                    state.gatesRequired(),
                                    Time.currentTimeMillis(),
                                    RecoveryMixes.of(session, realm));
            this.throttle = Throttle.forSession(session, realm, ThrottleRules.defaults());
        }

        // ----------------------------------------------------------------------------------------------- actions

        void showCurrent(FormMessage message) {
            Optional<Method> method = state.currentMethod();
            if (method.isEmpty()) {
                showChooser(message, false);
                return;
            }
            switch (method.get()) {
                case QUESTIONS -> {
                    if (state.asked().isEmpty()) {
                        drawQuestions(message, false);
                    } else {
                        context.challenge(questionsPage(message));
                    }
                }
                case SMS, VOICE -> {
                    if (policy.confirmPhoneNumber() && state.get(ResetState.PHONE_CONFIRMED) == null) {
                        context.challenge(phonePage(message));
                    } else {
                        context.challenge(codePage(message));
                    }
                }
                default -> context.challenge(codePage(message));
            }
        }

        void choose(String methodId) {
            Optional<Method> method = Method.fromId(methodId == null ? "" : methodId);
            Map<Method, Registration.Entry> offered = offered();
            if (method.isEmpty() || !offered.containsKey(method.get())) {
                showChooser(new FormMessage("method", "sspr.reset.error.methodUnavailable"), true);
                return;
            }
            Decision gate = throttle.checkGate(state.subject(), method.get());
            if (!gate.allowed()) {
                showChooser(
                        new FormMessage(
                                "method",
                                "sspr.reset.error.methodBlocked",
                                ResetSupport.minutes(gate.retryAfterSeconds())),
                        true);
                return;
            }
            state.set(ResetState.METHOD, method.get().id());
            state.set(ResetState.ASKED, null);
            state.set(ResetState.PHONE_CONFIRMED, null);
            state.set(ResetState.STEP, "gate-" + method.get().id());
            ResetSupport.step(context, state, "gate-chosen", null, null);
            Registration.Entry entry = offered.get(method.get());
            switch (method.get()) {
                case EMAIL -> sendCode(Method.EMAIL, entry.destination(), true);
                case SMS, VOICE -> {
                    if (policy.confirmPhoneNumber()) {
                        context.challenge(phonePage(null));
                    } else {
                        sendCode(method.get(), entry.destination(), true);
                    }
                }
                case QUESTIONS -> drawQuestions(null, false);
            }
        }

        /**
         * The policy asks for the full number before a text or call. A number that does not match the registered one
         * is treated like the decoy: a code is made but not sent, and the page reads the same ("if this is your
         * number, we sent a code"). It also counts as a failed verification.
         */
        void confirmPhone(String typed) {
            Optional<Method> method = state.currentMethod();
            if (method.isEmpty() || (method.get() != Method.SMS && method.get() != Method.VOICE)) {
                showCurrent(null);
                return;
            }
            Registration.Entry entry = registration.entries().get(method.get());
            boolean matches = false;
            if (entry != null && entry.destination() != null && typed != null) {
                Optional<String> e164 = PhoneNumbers.toE164(typed, PhoneNumbers.regionOf(entry.destination()));
                matches = e164.isPresent()
                        && MessageDigest.isEqual(
                                e164.get().getBytes(StandardCharsets.UTF_8),
                                entry.destination().getBytes(StandardCharsets.UTF_8));
            }
            if (!matches) {
                Decision decision = throttle.recordGateFailure(state.subject(), method.get());
                ResetSupport.step(context, state, "gate-failed", "sspr_phone_mismatch", "phone number does not match");
                if (!decision.allowed()) {
                    blocked(decision);
                    return;
                }
            }
            state.set(ResetState.PHONE_CONFIRMED, matches ? "1" : "0");
            sendCode(method.get(), matches ? entry.destination() : null, matches);
        }

        void resend() {
            Optional<Method> method = state.currentMethod();
            if (method.isEmpty() || method.get() == Method.QUESTIONS) {
                showCurrent(null);
                return;
            }
            Registration.Entry entry = registration.entries().get(method.get());
            boolean deliver = !policy.confirmPhoneNumber()
                    || method.get() == Method.EMAIL
                    || "1".equals(state.get(ResetState.PHONE_CONFIRMED));
            sendCode(method.get(), entry == null ? null : entry.destination(), deliver);
        }

        void verify(String input) {
            Optional<Method> method = state.currentMethod();
            if (method.isEmpty() || method.get() == Method.QUESTIONS) {
                showCurrent(null);
                return;
            }
            Decision gate = throttle.checkGate(state.subject(), method.get());
            if (!gate.allowed()) {
                blocked(gate);
                return;
            }
            OneTimeCodes codes = codes(method.get());
            CodeBinding binding = binding(method.get());
            VerifyResult result = codes.verify(binding, input);
            // On the decoy path no code was ever sent; a lucky guess of the unsent code still proves nothing.
            if (result == VerifyResult.VALID && !state.isDecoy()) {
                passed(method.get());
                return;
            }
            if (result == VerifyResult.VALID || result == VerifyResult.WRONG) {
                Decision decision = throttle.recordGateFailure(state.subject(), method.get());
                ResetSupport.step(context, state, "gate-failed", "invalid_code", "wrong code");
                if (!decision.allowed()) {
                    blocked(decision);
                    return;
                }
                int left = codes.triesLeft(binding);
                FormMessage error = left > 0
                        ? new FormMessage("code", "sspr.reset.error.codeWrong", left)
                        : new FormMessage("code", "sspr.reset.error.codeDead");
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, codePage(error));
                return;
            }
            String key = switch (result) {
                case EXPIRED -> "sspr.reset.error.codeExpired";
                case TOO_MANY_TRIES -> "sspr.reset.error.codeDead";
                default -> "sspr.reset.error.codeMissing";
            };
            ResetSupport.step(
                    context, state, "gate-failed", "expired_code", result.name().toLowerCase(Locale.ROOT));
            context.failureChallenge(AuthenticationFlowError.EXPIRED_CODE, codePage(new FormMessage("code", key)));
        }

        void answer(MultivaluedMap<String, String> form) {
            List<String> asked = state.asked();
            if (state.currentMethod().orElse(null) != Method.QUESTIONS || asked.isEmpty()) {
                showCurrent(null);
                return;
            }
            Decision gate = throttle.checkGate(state.subject(), Method.QUESTIONS);
            if (!gate.allowed()) {
                blocked(gate);
                return;
            }
            Map<String, String> answers = new HashMap<>();
            for (int i = 0; i < asked.size(); i++) {
                answers.put(asked.get(i), form.getFirst("answer-" + i));
            }
            PasswordHashAnswerHasher hasher = PasswordHashAnswerHasher.forRealm(session, realm);
            boolean right;
            if (registration.questionSecrets() != null && !state.isDecoy()) {
                right = new SecurityQuestionsScheme(hasher).verify(registration.questionSecrets(), asked, answers);
            } else {
                // The decoy pays for one password hash too, so that its answer takes as long as a real one.
                hasher.hash(String.join(
                        "\u0000",
                        answers.values().stream().map(a -> a == null ? "" : a).toList()));
                right = false;
            }
            if (right) {
                passed(Method.QUESTIONS);
                return;
            }
            Decision decision = throttle.recordGateFailure(state.subject(), Method.QUESTIONS);
            ResetSupport.step(context, state, "gate-failed", "invalid_answers", "wrong answers");
            if (!decision.allowed()) {
                blocked(decision);
                return;
            }
            // Never say which answer was wrong, and ask a fresh draw so a guesser cannot work on a fixed set.
            drawQuestions(new FormMessage(null, "sspr.reset.error.answersWrong"), true);
        }

        void other() {
            state.set(ResetState.METHOD, null);
            state.set(ResetState.ASKED, null);
            state.set(ResetState.PHONE_CONFIRMED, null);
            ResetSupport.step(context, state, "other-way", null, null);
            showChooser(null, false);
        }

        void cancel() {
            ResetSupport.outcome(context, state, "cancelled", stepReached(), null, null);
            ResetSupport.endWithSuccess(context, state, "sspr.reset.cancelled");
        }

        // ------------------------------------------------------------------------------------------------ steps

        private void passed(Method method) {
            state.markPassed(method);
            state.set(ResetState.METHOD, null);
            state.set(ResetState.ASKED, null);
            state.set(ResetState.PHONE_CONFIRMED, null);
            // The step reached is set before the event, so that a flow abandoned on the next page is counted there.
            boolean done = state.gatesDone();
            if (done) {
                state.set(ResetState.STEP, state.unlockMode() ? "unlock" : "new-password");
            }
            ResetSupport.step(context, state, "gate-passed", null, null);
            if (done) {
                context.success();
            } else {
                showChooser(new FormMessage(null, "sspr.reset.nextGate"), false);
            }
        }

        private void blocked(Decision decision) {
            ResetSupport.step(context, state, "blocked", "sspr_blocked", decision.rule());
            ResetSupport.outcome(context, state, "blocked", stepReached(), "sspr_blocked", decision.rule());
            ResetSupport.endWithError(
                    context, state, "sspr.reset.error.blocked", ResetSupport.minutes(decision.retryAfterSeconds()));
        }

        private void sendCode(Method method, String destination, boolean deliver) {
            OneTimeCodes codes = codes(method);
            CodeBinding binding = binding(method);
            IssueResult issued = codes.issue(binding);
            if (issued.status() == IssueResult.Status.COOLDOWN) {
                context.challenge(
                        codePage(new FormMessage("code", "sspr.reset.error.cooldown", issued.retryAfterSeconds())));
                return;
            }
            if (issued.status() == IssueResult.Status.SEND_LIMIT) {
                ResetSupport.step(context, state, "send-refused", "sspr_send_limit", "send_limit");
                ResetSupport.outcome(context, state, "failed", stepReached(), "sspr_send_limit", "send_limit");
                ResetSupport.endWithError(context, state, "sspr.reset.error.sendLimit");
                return;
            }
            Decision decision = method == Method.EMAIL
                    ? throttle.tryEmailSend(state.subject())
                    : throttle.tryPhoneSend(
                            state.subject(),
                            method,
                            destination != null ? destination : "decoy:" + state.subject(),
                            destination != null ? PhoneNumbers.regionOf(destination) : "ZZ");
            if (!decision.allowed()) {
                codes.discard(binding);
                if (Throttle.GATE_BLOCKED.equals(decision.rule())
                        || ThrottleRules.EMAIL_SENDS.equals(decision.rule())) {
                    blocked(decision);
                    return;
                }
                // A cap on the number or its country (toll-fraud guard): another method may still work.
                ResetSupport.step(context, state, "send-refused", "sspr_send_refused", decision.rule());
                state.set(ResetState.METHOD, null);
                showChooser(new FormMessage("method", "sspr.reset.error.cannotSend"), true);
                return;
            }
            SingleUseObjectProvider store = session.singleUseObjects();
            store.remove(failureKey(method));
            if (deliver && destination != null && !state.isDecoy() && user != null) {
                schedule(method, destination, issued.code(), codes);
            }
            state.set(ResetState.STEP, "code-" + method.id());
            ResetSupport.step(context, state, "code-sent", null, null);
            String masked = maskedOf(method);
            boolean confirmMode = method != Method.EMAIL && policy.confirmPhoneNumber();
            context.challenge(codePage(
                    confirmMode
                            ? new FormMessage(null, "sspr.reset.codeSentIfMatches", masked)
                            : new FormMessage(null, "sspr.reset.codeSent." + method.id(), masked)));
        }

        /** Hands the code to the background sender; a failure is parked where the flow's next request finds it. */
        private void schedule(Method method, String destination, String code, OneTimeCodes codes) {
            Locale locale = session.getContext().resolveLocale(user);
            String userId = user.getId();
            String failureKey = failureKey(method);
            Branding brand = Branding.forRealm(realm);
            String orgName = brand.getOrgName();
            long ttlMinutes = settings(method).lifetime().toMinutes();
            if (method == Method.EMAIL) {
                AfterCommit.schedule(session, realm, "reset code email", locale, 1, (s, r) -> {
                    UserModel u = s.users().getUserById(r, userId);
                    Map<String, Object> attributes = brand.addTo(new HashMap<>()); // mutable: the provider adds to it
                    attributes.put("code", code);
                    attributes.put("ttlMinutes", ttlMinutes);
                    try {
                        s.getProvider(EmailTemplateProvider.class)
                                .setRealm(r)
                                .setUser(u)
                                .send(
                                        "sspr.reset.email.subject",
                                        List.of(orgName),
                                        EMAIL_TEMPLATE,
                                        attributes,
                                        destination);
                    } catch (EmailException e) {
                        LOG.warnf(
                                "SSPR reset: code email to %s failed: %s",
                                EmailAddresses.mask(destination), e.getClass().getSimpleName());
                        s.singleUseObjects()
                                .put(failureKey, SEND_FAILURE_TTL_SECONDS, Map.of("reason", "email_failed"));
                    }
                });
                return;
            }
            Channel channel = method == Method.VOICE ? Channel.VOICE : Channel.SMS;
            String spoken = channel == Channel.VOICE ? String.join(" ", code.split("")) : code;
            String text = message(
                    locale,
                    channel == Channel.VOICE ? "sspr.reset.voice.text" : "sspr.reset.sms.text",
                    spoken,
                    orgName,
                    ttlMinutes);
            AfterCommit.schedule(session, realm, "reset code " + channel.id(), locale, 1, (s, r) -> {
                SmsSender sender = s.getProvider(SmsSender.class);
                if (sender == null) {
                    LOG.warn("SSPR reset: no SMS/voice sender is configured (spi sspr-sms-sender)");
                    s.singleUseObjects().put(failureKey, SEND_FAILURE_TTL_SECONDS, Map.of("reason", "no_sms_sender"));
                    return;
                }
                try {
                    sender.send(r, new OutboundMessage(channel, destination, text, locale));
                } catch (SmsSendException e) {
                    LOG.warnf(
                            "SSPR reset: %s to %s failed: %s",
                            channel.id(),
                            PhoneNumbers.mask(destination),
                            e.getReason().id());
                    s.singleUseObjects()
                            .put(
                                    failureKey,
                                    SEND_FAILURE_TTL_SECONDS,
                                    Map.of("reason", "sms_" + e.getReason().id()));
                }
            });
        }

        private void drawQuestions(FormMessage message, boolean failure) {
            Map<String, Question> known = knownQuestions();
            Optional<List<String>> drawn = registration.questions() == null
                    ? Optional.empty()
                    : new SecurityQuestionsScheme(PasswordHashAnswerHasher.forRealm(session, realm))
                            .draw(registration.questions(), known::containsKey);
            if (drawn.isEmpty()) {
                state.set(ResetState.METHOD, null);
                showChooser(new FormMessage("method", "sspr.reset.error.methodUnavailable"), true);
                return;
            }
            state.set(ResetState.ASKED, String.join(",", drawn.get()));
            Response page = questionsPage(message);
            if (failure) {
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
            } else {
                context.challenge(page);
            }
        }

        private void showChooser(FormMessage message, boolean failure) {
            Map<Method, Registration.Entry> offered = offered();
            List<Map<String, Object>> options = new ArrayList<>();
            boolean anyOpen = false;
            for (Registration.Entry entry : offered.values()) {
                Decision gate = throttle.checkGate(state.subject(), entry.method());
                Map<String, Object> option = new HashMap<>();
                option.put("id", entry.method().id());
                option.put("masked", entry.masked());
                option.put("blocked", !gate.allowed());
                option.put("minutes", gate.allowed() ? 0 : ResetSupport.minutes(gate.retryAfterSeconds()));
                options.add(option);
                anyOpen |= gate.allowed();
            }
            if (!anyOpen) {
                long wait = offered.keySet().stream()
                        .mapToLong(m -> throttle.checkGate(state.subject(), m).retryAfterSeconds())
                        .min()
                        .orElse(60);
                blocked(new Decision(false, Throttle.GATE_BLOCKED, Math.max(1, wait), 0));
                return;
            }
            // One "gate offered" event per gate (not per page view), naming the methods offered.
            String offeredNote = ResetState.OFFERED + state.passed().size();
            if (state.get(offeredNote) == null) {
                state.set(offeredNote, "1");
                ResetSupport.step(
                        context,
                        state,
                        "gate-offered",
                        null,
                        String.join(
                                ",", offered.keySet().stream().map(Method::id).toList()));
            }
            LoginFormsProvider form = ResetSupport.form(context, state);
            form.setAttribute("ssprOptions", options);
            if (message != null) {
                if (isInfo(message)) {
                    form.setInfo(message.getMessage(), message.getParameters());
                } else {
                    form.addError(message);
                }
            }
            Response page = form.createForm(TEMPLATE_CHOOSE);
            if (failure) {
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
            } else {
                context.challenge(page);
            }
        }

        // ------------------------------------------------------------------------------------------------ pages

        private Response codePage(FormMessage message) {
            Method method = state.currentMethod().orElse(Method.EMAIL);
            LoginFormsProvider form = ResetSupport.form(context, state);
            form.setAttribute("ssprMethod", method.id());
            form.setAttribute("ssprMasked", maskedOf(method));
            form.setAttribute("ssprCodeLength", settings(method).digits());
            Map<String, String> failure = session.singleUseObjects().get(failureKey(method));
            if (failure != null) {
                // Reported once, at whatever the user does next, and in place of any other message: a person whose
                // code never arrived clicks "Send a new code" or guesses, and "wait 20 seconds" or "not right" would
                // hide the one thing they need to know. The event tells the admin why.
                session.singleUseObjects().remove(failureKey(method));
                ResetSupport.step(context, state, "send-failed", "sspr_send_failed", failure.get("reason"));
                message = new FormMessage("code", "sspr.reset.error.sendFailed");
            }
            if (message != null) {
                if (isInfo(message)) {
                    form.setInfo(message.getMessage(), message.getParameters());
                } else {
                    form.addError(message);
                }
            }
            return form.createForm(TEMPLATE_CODE);
        }

        private Response phonePage(FormMessage message) {
            Method method = state.currentMethod().orElse(Method.SMS);
            LoginFormsProvider form = ResetSupport.form(context, state);
            form.setAttribute("ssprMethod", method.id());
            form.setAttribute("ssprMasked", maskedOf(method));
            if (message != null) {
                form.addError(message);
            }
            return form.createForm(TEMPLATE_PHONE);
        }

        private Response questionsPage(FormMessage message) {
            Map<String, Question> known = knownQuestions();
            LoginMessages messages =
                    LoginMessages.of(session, realm, session.getContext().resolveLocale(user));
            List<Map<String, Object>> questions = new ArrayList<>();
            List<String> asked = state.asked();
            for (int i = 0; i < asked.size(); i++) {
                Question q = known.get(asked.get(i));
                Map<String, Object> view = new HashMap<>();
                view.put("index", i);
                view.put("text", q == null ? "" : q.text(key -> messages.text(key, key)));
                questions.add(view);
            }
            LoginFormsProvider form = ResetSupport.form(context, state);
            form.setAttribute("ssprMethod", Method.QUESTIONS.id());
            form.setAttribute("ssprQuestions", questions);
            if (message != null) {
                form.addError(message);
            }
            return form.createForm(TEMPLATE_QUESTIONS);
        }

        // ---------------------------------------------------------------------------------------------- helpers

        /** A message not tied to a field is an information banner (FormMessage turns a null field into "global"). */
        private boolean isInfo(FormMessage message) {
            return message.getField() == null || FormMessage.GLOBAL.equals(message.getField());
        }

        private Map<Method, Registration.Entry> offered() {
            return registration.offered(state.passed(), state.gatesRequired());
        }

        private String maskedOf(Method method) {
            Registration.Entry entry = registration.entries().get(method);
            return entry == null ? "" : entry.masked();
        }

        private CodeSettings settings(Method method) {
            return (method == Method.EMAIL ? CodeSettings.email() : CodeSettings.phone())
                    .withLifetimeMinutes(policy.codeLifetimeMinutes());
        }

        private OneTimeCodes codes(Method method) {
            return new OneTimeCodes(new AuthSessionNoteStore(authSession), settings(method));
        }

        private CodeBinding binding(Method method) {
            return CodeBinding.of(authSession, state.subject(), "reset-" + method.id());
        }

        private String failureKey(Method method) {
            return SEND_FAILURE_PREFIX + authSession.getParentSession().getId() + ":" + authSession.getTabId() + ":"
                    + method.id();
        }

        private String stepReached() {
            String step = state.get(ResetState.STEP);
            return step == null ? "identified" : step;
        }

        /** Every question a registration may name: all predefined ones (texts in the bundles) and the custom ones. */
        private Map<String, Question> knownQuestions() {
            Map<String, Question> known = new LinkedHashMap<>();
            for (String id : QuestionBank.PREDEFINED_IDS) {
                known.put(id, QuestionBank.predefined(id));
            }
            for (Question q : policy.offeredQuestions()) {
                known.putIfAbsent(q.id(), q);
            }
            return known;
        }

        private String message(Locale locale, String key, Object... params) {
            return LoginMessages.of(session, realm, locale).format(key, params);
        }
    }
}
