package io.github.sspr.registration.machine;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.credentials.questions.FieldError;
import io.github.sspr.credentials.questions.QuestionRegistrationValidator;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.wording.Durations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every rule of recovery-method registration, without Keycloak (docs/registration.md): which methods the user may
 * register, what a valid phone number and address are, when a code is sent and what a refusal says, when a code
 * registers a destination, what a valid set of questions is, and when the registration is complete. The state lives in
 * {@link RegistrationNotes}; side effects go through {@link RegistrationPorts}.
 */
public final class RegistrationMachine {

    public static final String STEP_OVERVIEW = "overview";
    public static final String STEP_PHONE = "phone";
    public static final String STEP_EMAIL = "email";
    public static final String STEP_CODE = "code";
    public static final String STEP_QUESTIONS = "questions";

    private final RegistrationNotes notes;
    private final SsprPolicy policy;
    private final Map<String, String> input;
    private final RegistrationPorts ports;

    /**
     * @param policy the policy in effect for the user
     * @param input the posted form's values (first value of each field)
     */
    public RegistrationMachine(
            RegistrationNotes notes, SsprPolicy policy, Map<String, String> input, RegistrationPorts ports) {
        this.notes = notes;
        this.policy = policy;
        this.input = input;
        this.ports = ports;
    }

    /** Whether sign-in must show the registration: the user cannot reset, or must confirm their methods. */
    public static boolean required(ResetAccess access, long now) {
        return access.need(now) != ResetAccess.Need.NONE;
    }

    /** The kinds {@code policy} lets a user register: those serving at least one allowed method. */
    public static Set<RecoveryCredential> offered(SsprPolicy policy) {
        Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
        for (RecoveryCredential kind : RecoveryCredential.values()) {
            if (kind.methods().stream().anyMatch(policy::allows)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The page the user is on. */
    public RegView current() {
        return RegView.page(notes.step());
    }

    /** Opens {@code step}, or the overview when the policy does not offer {@code kind} (or {@code kind} is null). */
    public RegView show(String step, RecoveryCredential kind) {
        String target = kind == null || offered(policy).contains(kind) ? step : STEP_OVERVIEW;
        if (STEP_OVERVIEW.equals(target)) {
            notes.clearPending();
        }
        notes.step(target);
        return RegView.page(target);
    }

    public RegView remove(RecoveryCredential kind) {
        ports.remove(kind);
        return overviewWithSuccess("sspr.register.removed." + kind.id());
    }

    /** A number and a channel (SMS or voice) to register. */
    public RegView sendPhone(String defaultRegion) {
        if (!enter(RecoveryCredential.PHONE, STEP_PHONE)) {
            return show(STEP_OVERVIEW, null);
        }
        boolean voice = "voice".equals(input.get("channel"));
        Method method = voice ? Method.VOICE : Method.SMS;
        if (!policy.allows(method)) {
            return fieldError(STEP_PHONE, "channel", "sspr.register.error.channel", "channel_not_allowed");
        }
        Optional<String> parsed = PhoneNumbers.toE164(input.get("phone"), defaultRegion);
        if (parsed.isEmpty()) {
            return fieldError(STEP_PHONE, "phone", "sspr.register.error.phoneInvalid", "invalid_phone");
        }
        if (!policy.allowsPhoneCountry(PhoneNumbers.regionOf(parsed.get()))) {
            return fieldError(STEP_PHONE, "phone", "sspr.register.error.phoneCountry", "country_not_allowed");
        }
        return send(RecoveryCredential.PHONE, parsed.get(), method, STEP_PHONE);
    }

    /** An address to register; never the account's own, which a breached password already reaches. */
    public RegView sendEmail(String accountEmail) {
        if (!enter(RecoveryCredential.EMAIL, STEP_EMAIL)) {
            return show(STEP_OVERVIEW, null);
        }
        Optional<String> parsed = EmailAddresses.parse(input.get("email"));
        if (parsed.isEmpty()) {
            return fieldError(STEP_EMAIL, "email", "sspr.register.error.emailInvalid", "invalid_email");
        }
        if (EmailAddresses.same(parsed.get(), accountEmail)) {
            return fieldError(STEP_EMAIL, "email", "sspr.register.error.emailSameAsAccount", "same_as_account");
        }
        return send(RecoveryCredential.EMAIL, parsed.get(), Method.EMAIL, STEP_EMAIL);
    }

    public RegView resend() {
        Optional<RecoveryCredential> kind = notes.pendingKind();
        String destination = notes.pendingDestination();
        Optional<Method> method = Method.fromId(notes.pendingChannel());
        if (kind.isEmpty() || destination == null || method.isEmpty()) {
            return show(STEP_OVERVIEW, null);
        }
        return send(kind.get(), destination, method.get(), STEP_CODE);
    }

    /** The code the user typed: a right one registers the pending destination. */
    public RegView verify(String code) {
        Optional<RecoveryCredential> pending = notes.pendingKind();
        String destination = notes.pendingDestination();
        if (pending.isEmpty() || destination == null) {
            return show(STEP_OVERVIEW, null);
        }
        RecoveryCredential kind = pending.get();
        VerifyResult result = ports.verify(kind, code);
        if (result != VerifyResult.VALID) {
            String key = switch (result) {
                case WRONG -> "sspr.register.error.codeWrong";
                case EXPIRED -> "sspr.register.error.codeExpired";
                case TOO_MANY_TRIES -> "sspr.register.error.codeDead";
                default -> "sspr.register.error.codeMissing";
            };
            ports.refused(
                    kind,
                    "invalid_code",
                    details(
                            "sspr_destination",
                            mask(kind, destination),
                            "reason",
                            result.name().toLowerCase(Locale.ROOT)));
            return RegView.page(STEP_CODE, Msg.error("code", key));
        }
        ports.saveDestination(kind, destination, notes.pendingChannel());
        notes.clearPending();
        return overviewWithSuccess("sspr.register.saved." + kind.id());
    }

    /** The chosen questions and their answers. The answers are never shown again. */
    public RegView saveQuestions() {
        if (!enter(RecoveryCredential.QUESTIONS, STEP_QUESTIONS)) {
            return show(STEP_OVERVIEW, null);
        }
        int count = policy.questionsToRegister();
        List<QuestionRegistrationValidator.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new QuestionRegistrationValidator.Entry(input.get("question-" + i), input.get("answer-" + i)));
        }
        List<FieldError> errors =
                QuestionRegistrationValidator.validate(entries, count, ports.questionTexts(), ports.questionAccount());
        if (!errors.isEmpty()) {
            ports.refused(
                    RecoveryCredential.QUESTIONS,
                    "invalid_answers",
                    details(
                            "reason",
                            String.join(
                                    ",",
                                    errors.stream()
                                            .map(FieldError::messageKey)
                                            .distinct()
                                            .toList())));
            // The chosen questions are shown again, and so are the answers that passed every rule (typed into this
            // page a moment ago; Keycloak serves it no-store). A refused answer is never echoed: it may be the user's
            // password, or hold characters that cannot be shown.
            Set<String> refused = new java.util.HashSet<>();
            errors.forEach(e -> refused.add(e.field()));
            Map<String, String> kept = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String question = input.get("question-" + i);
                if (question != null) {
                    kept.put("question-" + i, question);
                }
                String answer = input.get("answer-" + i);
                if (answer != null && !refused.contains("answer-" + i) && !refused.contains("question-" + i)) {
                    kept.put("answer-" + i, answer);
                }
            }
            List<Msg> messages = errors.stream()
                    .map(e -> Msg.error(e.field(), e.messageKey(), e.params().toArray()))
                    .toList();
            return new RegView(STEP_QUESTIONS, messages, kept, false);
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (QuestionRegistrationValidator.Entry entry : entries) {
            answers.put(entry.questionId().strip(), entry.answer());
        }
        ports.saveQuestions(answers, policy.questionsToAnswer());
        return overviewWithSuccess("sspr.register.saved.questions");
    }

    /**
     * Finishes: at sign-in only when the user can reset (the requirement does not go away by clicking through); from an
     * application at any time, since the next sign-in asks again if something is missing. Confirms every usable
     * registered method, which restarts the re-confirmation period.
     *
     * @param appInitiated the application asked for this page ({@code kc_action})
     */
    public RegView done(boolean appInitiated, long now) {
        ResetAccess access = ports.access();
        boolean noPasskey = access.reason() == ResetAccess.Reason.PRIVILEGED_NO_PASSKEY;
        // A passkey the user chose to set up is registered by Keycloak's own action right after this page.
        if (!appInitiated
                && access.need(now) == ResetAccess.Need.REGISTER
                && !(noPasskey && ports.factorQueued(Method.PASSKEY))) {
            ports.refused(
                    null,
                    "sspr_registration_incomplete",
                    details("sspr_method", "confirm", "reason", noPasskey ? "no_passkey" : "not_enough_methods"));
            return RegView.page(
                    STEP_OVERVIEW,
                    noPasskey
                            ? Msg.error("methods", "sspr.register.error.needPasskey")
                            : Msg.error("methods", "sspr.register.error.notEnough", policy.gatesRequired()));
        }
        Set<RecoveryCredential> usable = EnumSet.noneOf(RecoveryCredential.class);
        for (RecoveryCredential kind : RecoveryCredential.values()) {
            if (kind.methods().stream().anyMatch(access.methods()::contains)) {
                usable.add(kind);
            }
        }
        ports.confirm(usable);
        notes.clearPending();
        notes.clearStep();
        return RegView.finish();
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Issues and sends a code; on refusal the page the user came from shows why. */
    private RegView send(RecoveryCredential kind, String destination, Method method, String fromStep) {
        String field = STEP_CODE.equals(fromStep) ? "code" : kind == RecoveryCredential.PHONE ? "phone" : "email";
        if (!destination.equals(notes.pendingDestination())) {
            ports.discardCode(kind); // a different destination must not inherit the pending code
        }
        SendOutcome sent = ports.send(kind, destination, method);
        Msg refusal = switch (sent.status()) {
            case COOLDOWN ->
                Msg.error(field, "sspr.register.error.cooldown", Durations.ofSeconds(sent.retryAfterSeconds()));
            case SEND_LIMIT -> Msg.error(field, "sspr.register.error.sendLimit");
            case BLOCKED, REFUSED -> Msg.error(field, "sspr.register.error.throttled");
            case FAILED ->
                Msg.error(
                        field,
                        SendOutcome.numberCannotReceive(sent.reason())
                                ? "sspr.register.error.cannotReceive"
                                : "sspr.register.error.sendFailed");
            case UNAVAILABLE -> Msg.error(field, "sspr.register.error.unavailable");
            case SENT -> null;
        };
        if (refusal != null) {
            String reason = switch (sent.status()) {
                case BLOCKED, REFUSED -> "throttled:" + sent.reason();
                default -> sent.reason();
            };
            ports.refused(
                    kind,
                    "sspr_send_refused",
                    details(
                            "sspr_destination",
                            mask(kind, destination),
                            "sspr_channel",
                            method.id(),
                            "reason",
                            reason));
            notes.step(fromStep);
            return new RegView(fromStep, List.of(refusal), keepOnly(field), false);
        }
        notes.pending(kind, destination, method.id());
        notes.step(STEP_CODE);
        return RegView.page(STEP_CODE, Msg.info("sspr.register.codeSent." + method.id(), mask(kind, destination)));
    }

    /** Moves to {@code step} when the policy offers {@code kind}. */
    private boolean enter(RecoveryCredential kind, String step) {
        if (!offered(policy).contains(kind)) {
            return false;
        }
        notes.step(step);
        return true;
    }

    private RegView overviewWithSuccess(String key) {
        notes.step(STEP_OVERVIEW);
        return RegView.page(STEP_OVERVIEW, Msg.success(key));
    }

    private RegView fieldError(String step, String field, String key, String reason) {
        RecoveryCredential kind = STEP_PHONE.equals(step) ? RecoveryCredential.PHONE : RecoveryCredential.EMAIL;
        ports.refused(kind, "sspr_invalid_destination", details("reason", reason));
        return new RegView(step, List.of(Msg.error(field, key)), keepOnly(field), false);
    }

    /** The typed value is shown again only for the field in error (and the channel), so the user can correct it. */
    private Map<String, String> keepOnly(String field) {
        Map<String, String> kept = new HashMap<>();
        for (String name : List.of("phone", "email", "channel")) {
            String value = input.get(name);
            if (value != null && (name.equals(field) || name.equals("channel"))) {
                kept.put(name, value);
            }
        }
        return kept;
    }

    private static String mask(RecoveryCredential kind, String destination) {
        return kind == RecoveryCredential.PHONE ? PhoneNumbers.mask(destination) : EmailAddresses.mask(destination);
    }

    private static Map<String, String> details(String... keyValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            details.put(keyValues[i], keyValues[i + 1]);
        }
        return details;
    }
}
