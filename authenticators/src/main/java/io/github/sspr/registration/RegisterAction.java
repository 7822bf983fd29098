package io.github.sspr.registration;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.RecoveryCredential;
import io.github.sspr.credentials.RecoveryMethods;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.email.RecoveryEmailCredentialData;
import io.github.sspr.credentials.email.RecoveryEmailSecretData;
import io.github.sspr.credentials.phone.RecoveryPhoneCredentialData;
import io.github.sspr.credentials.phone.RecoveryPhoneSecretData;
import io.github.sspr.credentials.questions.FieldError;
import io.github.sspr.credentials.questions.PasswordHashAnswerHasher;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.QuestionRegistrationValidator;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsScheme;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import io.github.sspr.notify.Notifier;
import io.github.sspr.otp.AuthSessionNoteStore;
import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.otp.IssueResult;
import io.github.sspr.otp.OneTimeCodes;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.PrivilegedUsers;
import io.github.sspr.policy.SsprPolicies;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The registration pages: an overview of the user's recovery methods (masked) with add, change and remove, one page per
 * method to register it, a code page that verifies a phone or email before it is saved, and a confirmation of the
 * registered methods when the policy's re-confirmation period is over.
 *
 * <p>All flow state (current page, pending destination, the code's hash) is in the authentication session's notes;
 * codes go through the shared one-time-code core and sends through the shared throttle. Codes, answers and full
 * destinations never reach a log line or an event.
 */
public final class RegisterAction implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(RegisterAction.class);

    static final String ACTION = "sspr-action";

    static final String STEP_NOTE = "sspr.reg.step";
    static final String PENDING_KIND_NOTE = "sspr.reg.pending.kind";
    static final String PENDING_DEST_NOTE = "sspr.reg.pending.dest";
    static final String PENDING_CHANNEL_NOTE = "sspr.reg.pending.channel";

    static final String STEP_OVERVIEW = "overview";
    static final String STEP_PHONE = "phone";
    static final String STEP_EMAIL = "email";
    static final String STEP_CODE = "code";
    static final String STEP_QUESTIONS = "questions";

    /** Event detail naming the method registered, removed or confirmed. */
    public static final String DETAIL_METHOD = "sspr_method";
    /** Event detail with the masked destination (never the full one). */
    public static final String DETAIL_DESTINATION = "sspr_destination";

    private static final String TEMPLATE_OVERVIEW = "sspr-register.ftl";
    private static final String TEMPLATE_PHONE = "sspr-register-phone.ftl";
    private static final String TEMPLATE_EMAIL = "sspr-register-email.ftl";
    private static final String TEMPLATE_CODE = "sspr-register-code.ftl";
    private static final String TEMPLATE_QUESTIONS = "sspr-register-questions.ftl";
    private static final String EMAIL_TEMPLATE = "sspr-register-code.ftl";

    private final KeycloakSession session;

    RegisterAction(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /**
     * Adds the action to this sign-in when the policy requires registration and the user lacks methods or is due to
     * confirm them. It is added to the authentication session, not the user: the check runs again at every sign-in, so
     * neither a cancelled page nor a closed tab removes the requirement, and nothing is stored for users who comply.
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (isTokenEndpoint(context)) {
            // A password grant cannot show a page; Keycloak would refuse it as "account not fully set up". The
            // requirement is enforced at the next interactive sign-in instead.
            return;
        }
        UserModel user = context.getUser();
        SsprPolicy policy = SsprPolicies.forRealm(context.getRealm());
        if (!policy.requireRegistration() || !SsprPolicies.enabledFor(session, context.getRealm(), policy, user)) {
            return;
        }
        SsprPolicy effective = policy.effectiveFor(PrivilegedUsers.isPrivileged(user));
        RecoveryMethods.Need need = RecoveryMethods.need(
                effective, RecoveryMethods.confirmations(RecoveryMethods.of(user)), Time.currentTimeMillis());
        if (need != RecoveryMethods.Need.NONE) {
            context.getAuthenticationSession().addRequiredAction(RegisterActionFactory.ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        String step = notes(context).getAuthNote(STEP_NOTE);
        context.challenge(page(context, step == null ? STEP_OVERVIEW : step, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(ACTION);
        Request request = new Request(context, form);
        if (action == null) {
            requiredActionChallenge(context);
            return;
        }
        switch (action) {
            case "add-phone" -> request.show(STEP_PHONE, request.offers(RecoveryCredential.PHONE));
            case "add-email" -> request.show(STEP_EMAIL, request.offers(RecoveryCredential.EMAIL));
            case "add-questions" -> request.show(STEP_QUESTIONS, request.offers(RecoveryCredential.QUESTIONS));
            case "remove-phone" -> request.remove(RecoveryCredential.PHONE);
            case "remove-email" -> request.remove(RecoveryCredential.EMAIL);
            case "remove-questions" -> request.remove(RecoveryCredential.QUESTIONS);
            case "send-phone" -> request.sendPhone();
            case "send-email" -> request.sendEmail();
            case "resend" -> request.resend();
            case "verify" -> request.verify();
            case "save-questions" -> request.saveQuestions();
            case "back" -> request.show(STEP_OVERVIEW, true);
            case "done" -> request.done();
            default -> requiredActionChallenge(context);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One form post: the context, the policy in effect for the user, and the handlers. */
    private final class Request {
        private final RequiredActionContext context;
        private final MultivaluedMap<String, String> form;
        private final RealmModel realm;
        private final UserModel user;
        private final AuthenticationSessionModel authSession;
        private final SsprPolicy policy;

        Request(RequiredActionContext context, MultivaluedMap<String, String> form) {
            this.context = context;
            this.form = form;
            this.realm = context.getRealm();
            this.user = context.getUser();
            this.authSession = context.getAuthenticationSession();
            this.policy = effectivePolicy(context);
        }

        boolean offers(RecoveryCredential kind) {
            return RecoveryMethods.offered(policy).contains(kind);
        }

        /** Moves to {@code step} when the policy offers {@code kind}; otherwise shows the overview. */
        private boolean enter(RecoveryCredential kind, String step) {
            if (!offers(kind)) {
                show(STEP_OVERVIEW, true);
                return false;
            }
            authSession.setAuthNote(STEP_NOTE, step);
            return true;
        }

        /** Back to the overview after a change, with the message saying what was done. */
        private void overviewWithSuccess(String messageKey) {
            authSession.setAuthNote(STEP_NOTE, STEP_OVERVIEW);
            context.challenge(page(context, STEP_OVERVIEW, f -> f.setSuccess(messageKey)));
        }

        void show(String step, boolean allowed) {
            String target = allowed ? step : STEP_OVERVIEW;
            if (STEP_OVERVIEW.equals(target)) {
                clearPending();
            }
            authSession.setAuthNote(STEP_NOTE, target);
            context.challenge(page(context, target, null));
        }

        void remove(RecoveryCredential kind) {
            Map<RecoveryCredential, CredentialModel> registered = RecoveryMethods.of(user);
            CredentialModel existing = registered.get(kind);
            if (existing != null) {
                Set<String> removedAddress = recoveryAddressOf(existing);
                user.credentialManager().removeStoredCredentialById(existing.getId());
                event(EventType.REMOVE_CREDENTIAL, kind)
                        .detail(Details.CREDENTIAL_ID, existing.getId())
                        .success();
                notifyUser(Notifier.Kind.METHOD_REMOVED, kind, removedAddress);
            }
            overviewWithSuccess("sspr.register.removed." + kind.id());
        }

        void sendPhone() {
            if (!enter(RecoveryCredential.PHONE, STEP_PHONE)) {
                return;
            }
            Channel channel = "voice".equals(form.getFirst("channel")) ? Channel.VOICE : Channel.SMS;
            Method method = channel == Channel.VOICE ? Method.VOICE : Method.SMS;
            if (!policy.allows(method)) {
                fieldError(
                        STEP_PHONE, "sspr-register", "channel", "sspr.register.error.channel", "channel_not_allowed");
                return;
            }
            RegisterActionConfig config = actionConfig(context);
            Optional<String> parsed = PhoneNumbers.toE164(form.getFirst("phone"), config.defaultPhoneRegion());
            if (parsed.isEmpty()) {
                fieldError(STEP_PHONE, "phone", "phone", "sspr.register.error.phoneInvalid", "invalid_phone");
                return;
            }
            String e164 = parsed.get();
            String region = PhoneNumbers.regionOf(e164);
            if (!policy.allowsPhoneCountry(region)) {
                fieldError(STEP_PHONE, "phone", "phone", "sspr.register.error.phoneCountry", "country_not_allowed");
                return;
            }
            send(RecoveryCredential.PHONE, e164, channel.id(), STEP_PHONE);
        }

        void sendEmail() {
            if (!enter(RecoveryCredential.EMAIL, STEP_EMAIL)) {
                return;
            }
            Optional<String> parsed = EmailAddresses.parse(form.getFirst("email"));
            if (parsed.isEmpty()) {
                fieldError(STEP_EMAIL, "email", "email", "sspr.register.error.emailInvalid", "invalid_email");
                return;
            }
            if (EmailAddresses.same(parsed.get(), user.getEmail())) {
                fieldError(STEP_EMAIL, "email", "email", "sspr.register.error.emailSameAsAccount", "same_as_account");
                return;
            }
            send(RecoveryCredential.EMAIL, parsed.get(), Method.EMAIL.id(), STEP_EMAIL);
        }

        void resend() {
            String kind = authSession.getAuthNote(PENDING_KIND_NOTE);
            String dest = authSession.getAuthNote(PENDING_DEST_NOTE);
            String channel = authSession.getAuthNote(PENDING_CHANNEL_NOTE);
            Optional<RecoveryCredential> pending = RecoveryCredential.ofId(kind == null ? "" : kind);
            if (pending.isEmpty() || dest == null || channel == null) {
                show(STEP_OVERVIEW, true);
                return;
            }
            send(pending.get(), dest, channel, STEP_CODE);
        }

        /**
         * Issues a code (cooldown and per-flow cap), asks the throttle (per account, per number and country), sends it,
         * and shows the code page. On refusal the page the user came from shows the error.
         */
        private void send(RecoveryCredential kind, String destination, String channel, String fromStep) {
            boolean phone = kind == RecoveryCredential.PHONE;
            String masked = phone ? PhoneNumbers.mask(destination) : EmailAddresses.mask(destination);
            String field = STEP_CODE.equals(fromStep) ? "code" : (phone ? "phone" : "email");
            CodeSettings settings = (phone ? CodeSettings.phone() : CodeSettings.email())
                    .withLifetimeMinutes(policy.codeLifetimeMinutes());
            OneTimeCodes codes = new OneTimeCodes(new AuthSessionNoteStore(authSession), settings);
            CodeBinding binding = binding(kind);

            // A different destination than the pending one must not inherit the pending code.
            if (!destination.equals(authSession.getAuthNote(PENDING_DEST_NOTE))) {
                codes.discard(binding);
            }
            IssueResult issued = codes.issue(binding);
            if (issued.status() == IssueResult.Status.COOLDOWN) {
                sendRefused(
                        kind,
                        channel,
                        masked,
                        fromStep,
                        field,
                        "cooldown",
                        f -> f.addError(
                                new FormMessage(field, "sspr.register.error.cooldown", issued.retryAfterSeconds())));
                return;
            }
            if (issued.status() == IssueResult.Status.SEND_LIMIT) {
                sendRefused(
                        kind,
                        channel,
                        masked,
                        fromStep,
                        field,
                        "send_limit",
                        f -> f.addError(new FormMessage(field, "sspr.register.error.sendLimit")));
                return;
            }
            Throttle throttle = Throttle.forSession(session, realm, ThrottleRules.defaults());
            Decision decision = phone
                    ? throttle.tryPhoneSend(
                            user.getId(),
                            Channel.VOICE.id().equals(channel) ? Method.VOICE : Method.SMS,
                            destination,
                            PhoneNumbers.regionOf(destination))
                    : throttle.tryEmailSend(user.getId());
            String sendChannel = phone ? channel : Method.EMAIL.id();
            if (!decision.allowed()) {
                ActivityMetrics.global().send(realm.getName(), sendChannel, ActivityMetrics.REFUSED);
                codes.discard(binding);
                sendRefused(
                        kind,
                        channel,
                        masked,
                        fromStep,
                        field,
                        "throttled:" + decision.rule(),
                        f -> f.addError(new FormMessage(field, "sspr.register.error.throttled")));
                return;
            }
            String failure = phone
                    ? sendPhoneCode(destination, channel, issued.code(), settings)
                    : sendEmailCode(destination, issued.code(), settings);
            ActivityMetrics.global()
                    .send(
                            realm.getName(),
                            sendChannel,
                            failure == null ? ActivityMetrics.SENT : ActivityMetrics.FAILED);
            if (failure != null) {
                codes.discard(binding);
                sendRefused(
                        kind,
                        channel,
                        masked,
                        fromStep,
                        field,
                        failure,
                        f -> f.addError(new FormMessage(field, "sspr.register.error.sendFailed")));
                return;
            }
            authSession.setAuthNote(PENDING_KIND_NOTE, kind.id());
            authSession.setAuthNote(PENDING_DEST_NOTE, destination);
            authSession.setAuthNote(PENDING_CHANNEL_NOTE, channel);
            authSession.setAuthNote(STEP_NOTE, STEP_CODE);
            LOG.debugf("SSPR registration: %s code sent to %s", channel, masked);
            context.challenge(page(context, STEP_CODE, f -> f.setInfo("sspr.register.codeSent." + channel, masked)));
        }

        private void sendRefused(
                RecoveryCredential kind,
                String channel,
                String masked,
                String fromStep,
                String field,
                String reason,
                java.util.function.Consumer<LoginFormsProvider> error) {
            event(EventType.UPDATE_CREDENTIAL_ERROR, kind)
                    .detail(DETAIL_DESTINATION, masked)
                    .detail("sspr_channel", channel)
                    .detail(Details.REASON, reason)
                    .error("sspr_send_refused");
            authSession.setAuthNote(STEP_NOTE, fromStep);
            context.challenge(page(context, fromStep, f -> {
                error.accept(f);
                f.setAttribute("ssprForm", keepOnly(field));
            }));
        }

        private String sendPhoneCode(String e164, String channel, String code, CodeSettings settings) {
            SmsSender sender = session.getProvider(SmsSender.class);
            if (sender == null) {
                LOG.warn("SSPR registration: no SMS/voice sender is configured (spi sspr-sms-sender)");
                return "no_sms_sender";
            }
            Channel ch = Channel.VOICE.id().equals(channel) ? Channel.VOICE : Channel.SMS;
            Locale locale = session.getContext().resolveLocale(user);
            String key = ch == Channel.VOICE ? "sspr.register.voice.text" : "sspr.register.sms.text";
            String spoken = ch == Channel.VOICE ? String.join(" ", code.split("")) : code;
            String text =
                    message(locale, key, spoken, orgName(), settings.lifetime().toMinutes());
            try {
                sender.send(realm, new OutboundMessage(ch, e164, text, locale));
                return null;
            } catch (SmsSendException e) {
                LOG.warnf(
                        "SSPR registration: %s to %s failed: %s (%s)",
                        ch.id(), PhoneNumbers.mask(e164), e.getReason().id(), e.getMessage());
                return "sms_" + e.getReason().id();
            }
        }

        private String sendEmailCode(String address, String code, CodeSettings settings) {
            EmailTemplateProvider email = session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(user)
                    .setAuthenticationSession(authSession);
            // Keycloak's email provider adds to the attributes map: it must be mutable.
            Map<String, Object> attributes = Branding.forRealm(realm).addTo(new HashMap<>());
            attributes.put("code", code);
            attributes.put("ttlMinutes", settings.lifetime().toMinutes());
            try {
                email.send("sspr.register.email.subject", List.of(orgName()), EMAIL_TEMPLATE, attributes, address);
                return null;
            } catch (EmailException e) {
                LOG.warnf(
                        "SSPR registration: code email to %s failed: %s",
                        EmailAddresses.mask(address), e.getClass().getSimpleName());
                return "email_failed";
            }
        }

        void verify() {
            String kindId = authSession.getAuthNote(PENDING_KIND_NOTE);
            String dest = authSession.getAuthNote(PENDING_DEST_NOTE);
            Optional<RecoveryCredential> pending = RecoveryCredential.ofId(kindId == null ? "" : kindId);
            if (pending.isEmpty() || dest == null) {
                show(STEP_OVERVIEW, true);
                return;
            }
            RecoveryCredential kind = pending.get();
            boolean phone = kind == RecoveryCredential.PHONE;
            String masked = phone ? PhoneNumbers.mask(dest) : EmailAddresses.mask(dest);
            CodeSettings settings = (phone ? CodeSettings.phone() : CodeSettings.email())
                    .withLifetimeMinutes(policy.codeLifetimeMinutes());
            OneTimeCodes codes = new OneTimeCodes(new AuthSessionNoteStore(authSession), settings);
            CodeBinding binding = binding(kind);
            VerifyResult result = codes.verify(binding, form.getFirst("code"));
            if (result != VerifyResult.VALID) {
                String key = switch (result) {
                    case WRONG -> "sspr.register.error.codeWrong";
                    case EXPIRED -> "sspr.register.error.codeExpired";
                    case TOO_MANY_TRIES -> "sspr.register.error.codeDead";
                    default -> "sspr.register.error.codeMissing";
                };
                event(EventType.UPDATE_CREDENTIAL_ERROR, kind)
                        .detail(DETAIL_DESTINATION, masked)
                        .detail(Details.REASON, result.name().toLowerCase(Locale.ROOT))
                        .error("invalid_code");
                context.challenge(page(context, STEP_CODE, f -> f.addError(new FormMessage("code", key))));
                return;
            }
            long now = Time.currentTimeMillis();
            CredentialModel model = new CredentialModel();
            model.setType(kind.type());
            model.setUserLabel(masked);
            model.setCreatedDate(now);
            if (phone) {
                model.setCredentialData(RecoveryPhoneCredentialData.registered(masked, PhoneNumbers.regionOf(dest), now)
                        .toJson());
                model.setSecretData(new RecoveryPhoneSecretData(dest).toJson());
            } else {
                model.setCredentialData(
                        RecoveryEmailCredentialData.registered(masked, now).toJson());
                model.setSecretData(new RecoveryEmailSecretData(dest).toJson());
            }
            // The address being replaced is told too (read before the provider replaces the credential).
            Set<String> former = phone
                    ? Set.of()
                    : recoveryAddressOf(RecoveryMethods.of(user).get(kind));
            CredentialModel saved = user.credentialManager().createCredentialThroughProvider(model);
            event(EventType.UPDATE_CREDENTIAL, kind)
                    .detail(Details.CREDENTIAL_ID, saved.getId())
                    .detail(DETAIL_DESTINATION, masked)
                    .detail("sspr_channel", authSession.getAuthNote(PENDING_CHANNEL_NOTE))
                    .success();
            notifyUser(Notifier.Kind.METHOD_REGISTERED, kind, former);
            clearPending();
            overviewWithSuccess("sspr.register.saved." + kind.id());
        }

        void saveQuestions() {
            if (!enter(RecoveryCredential.QUESTIONS, STEP_QUESTIONS)) {
                return;
            }
            Map<String, String> texts = questionTexts(context, policy);
            int count = policy.questionsToRegister();
            List<QuestionRegistrationValidator.Entry> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                entries.add(new QuestionRegistrationValidator.Entry(
                        form.getFirst("question-" + i), form.getFirst("answer-" + i)));
            }
            List<FieldError> errors =
                    QuestionRegistrationValidator.validate(entries, count, texts, QuestionAccount.of(realm, user));
            if (!errors.isEmpty()) {
                event(EventType.UPDATE_CREDENTIAL_ERROR, RecoveryCredential.QUESTIONS)
                        .detail(
                                Details.REASON,
                                errors.stream()
                                        .map(FieldError::messageKey)
                                        .distinct()
                                        .reduce((a, b) -> a + "," + b)
                                        .orElse(""))
                        .error("invalid_answers");
                // The chosen questions are shown again, and so are the answers that passed every rule (the user typed
                // them into this page a moment ago, over the same connection; Keycloak serves it no-store). A refused
                // answer is never echoed: it may be the user's password, or hold characters that cannot be shown.
                Set<String> refused = new HashSet<>();
                errors.forEach(e -> refused.add(e.field()));
                Map<String, String> kept = new HashMap<>();
                for (int i = 0; i < count; i++) {
                    String q = form.getFirst("question-" + i);
                    if (q != null) {
                        kept.put("question-" + i, q);
                    }
                    String a = form.getFirst("answer-" + i);
                    if (a != null && !refused.contains("answer-" + i) && !refused.contains("question-" + i)) {
                        kept.put("answer-" + i, a);
                    }
                }
                context.challenge(page(context, STEP_QUESTIONS, f -> {
                    for (FieldError error : errors) {
                        f.addError(new FormMessage(
                                error.field(),
                                error.messageKey(),
                                error.params().toArray()));
                    }
                    f.setAttribute("ssprForm", kept);
                }));
                return;
            }
            Map<String, String> answers = new LinkedHashMap<>();
            for (QuestionRegistrationValidator.Entry entry : entries) {
                answers.put(entry.questionId().strip(), entry.answer());
            }
            SecurityQuestionsSecretData secret = new SecurityQuestionsScheme(
                            PasswordHashAnswerHasher.forRealm(session, realm))
                    .enroll(answers, policy.questionsToAnswer());
            long now = Time.currentTimeMillis();
            CredentialModel model = new CredentialModel();
            model.setType(SecurityQuestionsCredentialData.TYPE);
            model.setUserLabel(count + " questions");
            model.setCreatedDate(now);
            model.setCredentialData(SecurityQuestionsCredentialData.registered(
                            List.copyOf(answers.keySet()), policy.questionsToAnswer(), now)
                    .toJson());
            model.setSecretData(secret.toJson());
            CredentialModel saved = user.credentialManager().createCredentialThroughProvider(model);
            event(EventType.UPDATE_CREDENTIAL, RecoveryCredential.QUESTIONS)
                    .detail(Details.CREDENTIAL_ID, saved.getId())
                    .detail("sspr_questions", Integer.toString(count))
                    .success();
            notifyUser(Notifier.Kind.METHOD_REGISTERED, RecoveryCredential.QUESTIONS, Set.of());
            overviewWithSuccess("sspr.register.saved.questions");
        }

        /**
         * Finishes: at sign-in only with enough methods (the requirement does not go away by clicking through); from an
         * application at any time, since the next sign-in asks again if something is missing. Confirms every
         * registered method, which restarts the re-confirmation period.
         */
        void done() {
            Map<RecoveryCredential, CredentialModel> registered = RecoveryMethods.of(user);
            boolean appInitiated = RegisterActionFactory.ID.equals(authSession.getClientNote(Constants.KC_ACTION));
            if (!appInitiated && policy.requireRegistration() && !RecoveryMethods.enough(policy, registered.keySet())) {
                context.getEvent()
                        .clone()
                        .event(EventType.UPDATE_CREDENTIAL_ERROR)
                        .detail(DETAIL_METHOD, "confirm")
                        .detail(Details.REASON, "not_enough_methods")
                        .error("sspr_registration_incomplete");
                context.challenge(page(
                        context,
                        STEP_OVERVIEW,
                        f -> f.addError(
                                new FormMessage("methods", "sspr.register.error.notEnough", policy.gatesRequired()))));
                return;
            }
            long now = Time.currentTimeMillis();
            List<String> confirmed = new ArrayList<>();
            registered.forEach((kind, model) -> {
                if (RecoveryMethods.offered(policy).contains(kind)) {
                    model.setCredentialData(kind.confirmedData(model, now));
                    user.credentialManager().updateStoredCredential(model);
                    confirmed.add(kind.id());
                }
            });
            if (!confirmed.isEmpty()) {
                context.getEvent()
                        .clone()
                        .event(EventType.UPDATE_CREDENTIAL)
                        .detail(DETAIL_METHOD, "confirm")
                        .detail("sspr_confirmed", String.join(",", confirmed))
                        .success();
            }
            clearPending();
            authSession.removeAuthNote(STEP_NOTE);
            context.success();
        }

        private void fieldError(String step, String field, String formField, String key, String reason) {
            RecoveryCredential kind = STEP_PHONE.equals(step) ? RecoveryCredential.PHONE : RecoveryCredential.EMAIL;
            event(EventType.UPDATE_CREDENTIAL_ERROR, kind)
                    .detail(Details.REASON, reason)
                    .error("sspr_invalid_destination");
            context.challenge(page(context, step, f -> {
                f.addError(new FormMessage(formField, key));
                f.setAttribute("ssprForm", keepOnly(formField));
            }));
        }

        /** The typed value is shown again only for the field in error, so the user can correct it. */
        private Map<String, String> keepOnly(String field) {
            Map<String, String> kept = new HashMap<>();
            for (String name : List.of("phone", "email", "channel")) {
                String value = form.getFirst(name);
                if (value != null && (name.equals(field) || name.equals("channel"))) {
                    kept.put(name, value);
                }
            }
            return kept;
        }

        private EventBuilder event(EventType type, RecoveryCredential kind) {
            return context.getEvent()
                    .clone()
                    .event(type)
                    .detail(Details.CREDENTIAL_TYPE, kind.type())
                    .detail(DETAIL_METHOD, kind.id());
        }

        /** Mails the user (after commit, never failing this page) that a method was set up, changed or removed. */
        private void notifyUser(Notifier.Kind what, RecoveryCredential kind, Set<String> formerAddresses) {
            String ip = session.getContext().getConnection() == null
                    ? null
                    : session.getContext().getConnection().getRemoteAddr();
            Notifier.notifyUser(
                    session, realm, user, new Notifier.Notice(what, ip, List.of(kind.id()), formerAddresses));
        }

        /** The address of a recovery-email credential, or nothing (another kind, none, unreadable). */
        private Set<String> recoveryAddressOf(CredentialModel model) {
            if (model == null
                    || !RecoveryCredential.EMAIL.type().equals(model.getType())
                    || model.getSecretData() == null) {
                return Set.of();
            }
            try {
                return Set.of(
                        RecoveryEmailSecretData.fromJson(model.getSecretData()).address());
            } catch (RuntimeException e) {
                return Set.of();
            }
        }

        private CodeBinding binding(RecoveryCredential kind) {
            return CodeBinding.of(authSession, user.getId(), "register-" + kind.id());
        }

        private void clearPending() {
            authSession.removeAuthNote(PENDING_KIND_NOTE);
            authSession.removeAuthNote(PENDING_DEST_NOTE);
            authSession.removeAuthNote(PENDING_CHANNEL_NOTE);
        }

        private String orgName() {
            return Branding.forRealm(realm).getOrgName();
        }

        private String message(Locale locale, String key, Object... params) {
            return LoginMessages.of(session, realm, locale).format(key, params);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Renders a page with the branding, the user's methods and what the current step needs. */
    private Response page(
            RequiredActionContext context, String step, java.util.function.Consumer<LoginFormsProvider> extra) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        SsprPolicy policy = effectivePolicy(context);
        Map<RecoveryCredential, CredentialModel> registered = RecoveryMethods.of(user);

        LoginFormsProvider form = context.form();
        Branding.forRealm(realm).applyTo(form);
        List<MethodView> methods = new ArrayList<>();
        for (RecoveryCredential kind : RecoveryMethods.offered(policy)) {
            CredentialModel model = registered.get(kind);
            methods.add(
                    new MethodView(kind.id(), model != null, model == null ? null : masked(kind, model), kind.type()));
        }
        form.setAttribute("ssprMethods", methods);
        RecoveryMethods.Need need =
                RecoveryMethods.need(policy, RecoveryMethods.confirmations(registered), Time.currentTimeMillis());
        form.setAttribute("ssprNeed", need.name().toLowerCase(Locale.ROOT));
        form.setAttribute("ssprGatesRequired", policy.gatesRequired());
        form.setAttribute("ssprForm", Map.of());
        form.setAttribute("ssprEnough", RecoveryMethods.enough(policy, registered.keySet()));

        String template = switch (step) {
            case STEP_PHONE -> TEMPLATE_PHONE;
            case STEP_EMAIL -> TEMPLATE_EMAIL;
            case STEP_CODE -> TEMPLATE_CODE;
            case STEP_QUESTIONS -> TEMPLATE_QUESTIONS;
            default -> TEMPLATE_OVERVIEW;
        };
        switch (step) {
            case STEP_PHONE -> {
                form.setAttribute("ssprSms", policy.allows(Method.SMS));
                form.setAttribute("ssprVoice", policy.allows(Method.VOICE));
            }
            case STEP_CODE -> {
                String kind = authSession.getAuthNote(PENDING_KIND_NOTE);
                String dest = authSession.getAuthNote(PENDING_DEST_NOTE);
                boolean phone = RecoveryCredential.PHONE.id().equals(kind);
                form.setAttribute("ssprPendingKind", kind == null ? "" : kind);
                form.setAttribute("ssprPendingChannel", authSession.getAuthNote(PENDING_CHANNEL_NOTE));
                form.setAttribute(
                        "ssprPendingMasked",
                        dest == null ? "" : phone ? PhoneNumbers.mask(dest) : EmailAddresses.mask(dest));
                form.setAttribute(
                        "ssprCodeLength",
                        phone
                                ? CodeSettings.phone().digits()
                                : CodeSettings.email().digits());
            }
            case STEP_QUESTIONS -> {
                Map<String, String> texts = questionTexts(context, policy);
                List<QuestionView> offered = new ArrayList<>();
                texts.forEach((id, text) -> offered.add(new QuestionView(id, text)));
                form.setAttribute("ssprQuestions", offered);
                List<Integer> slots = new ArrayList<>();
                for (int i = 0; i < policy.questionsToRegister(); i++) {
                    slots.add(i);
                }
                form.setAttribute("ssprSlots", slots);
                form.setAttribute("ssprAnswerMin", QuestionRegistrationValidator.MIN_ANSWER);
                form.setAttribute("ssprAnswerMax", QuestionRegistrationValidator.MAX_ANSWER);
            }
            default -> {}
        }
        if (extra != null) {
            extra.accept(form);
        }
        return form.createForm(template);
    }

    private SsprPolicy effectivePolicy(RequiredActionContext context) {
        return SsprPolicies.forRealm(context.getRealm()).effectiveFor(PrivilegedUsers.isPrivileged(context.getUser()));
    }

    private static String masked(RecoveryCredential kind, CredentialModel model) {
        try {
            return switch (kind) {
                case PHONE ->
                    RecoveryPhoneCredentialData.fromJson(model.getCredentialData())
                            .masked();
                case EMAIL ->
                    RecoveryEmailCredentialData.fromJson(model.getCredentialData())
                            .masked();
                case QUESTIONS ->
                    Integer.toString(SecurityQuestionsCredentialData.fromJson(model.getCredentialData())
                            .questionIds()
                            .size());
            };
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Offered question id to the text the user reads (predefined ones localized, custom ones as written). */
    private Map<String, String> questionTexts(RequiredActionContext context, SsprPolicy policy) {
        LoginMessages messages = LoginMessages.of(
                session, context.getRealm(), session.getContext().resolveLocale(context.getUser()));
        Map<String, String> texts = new LinkedHashMap<>();
        for (Question question : policy.offeredQuestions()) {
            texts.put(question.id(), question.text(key -> messages.text(key, key)));
        }
        return texts;
    }

    private static RegisterActionConfig actionConfig(RequiredActionContext context) {
        if (context.getConfig() == null) {
            return RegisterActionConfig.defaults();
        }
        try {
            return RegisterActionConfig.read(context.getConfig()::getConfigValue);
        } catch (IllegalArgumentException e) {
            // validateConfig refuses bad values at save time; an older stored value falls back to the default.
            return RegisterActionConfig.defaults();
        }
    }

    private static AuthenticationSessionModel notes(RequiredActionContext context) {
        return context.getAuthenticationSession();
    }

    private static boolean isTokenEndpoint(RequiredActionContext context) {
        String path = context.getUriInfo() == null ? null : context.getUriInfo().getPath();
        return path != null && path.endsWith("/protocol/openid-connect/token");
    }

    /**
     * A method on the overview page. A class with getters, not a record: FreeMarker would resolve {@code m.id} to the
     * record's accessor method rather than a value.
     */
    public static final class MethodView {
        private final String id;
        private final boolean registered;
        private final String masked;
        private final String type;

        MethodView(String id, boolean registered, String masked, String type) {
            this.id = id;
            this.registered = registered;
            this.masked = masked == null ? "" : masked;
            this.type = type;
        }

        public String getId() {
            return id;
        }

        public boolean isRegistered() {
            return registered;
        }

        public String getMasked() {
            return masked;
        }

        public String getType() {
            return type;
        }
    }

    /** An offered security question (a class with getters, for FreeMarker). */
    public static final class QuestionView {
        private final String id;
        private final String text;

        QuestionView(String id, String text) {
            this.id = id;
            this.text = text;
        }

        public String getId() {
            return id;
        }

        public String getText() {
            return text;
        }
    }

    @Override
    public void close() {}
}
