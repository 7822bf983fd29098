package io.github.sspr.registration;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.PasswordHashAnswerHasher;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.email.RecoveryEmailCredentialData;
import io.github.sspr.credentials.email.RecoveryEmailSecretData;
import io.github.sspr.credentials.kinds.KeycloakFactor;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.credentials.phone.RecoveryPhoneCredentialData;
import io.github.sspr.credentials.phone.RecoveryPhoneSecretData;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.QuestionRegistrationValidator;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsScheme;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import io.github.sspr.delivery.CodeDelivery;
import io.github.sspr.delivery.rule.Purpose;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.notify.Notifier;
import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.otp.store.AuthSessionNoteStore;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.registration.machine.RegistrationPorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** The registration machine's ports over one Keycloak request: credentials, the code pipeline, events, notices. */
final class RegisterPorts implements RegistrationPorts {

    /** Event detail: the recovery method concerned ({@code phone}, {@code email}, {@code questions}, {@code confirm}). */
    static final String DETAIL_METHOD = "sspr_method";

    private final KeycloakSession session;
    private final RequiredActionContext context;
    private final RealmModel realm;
    private final UserModel user;
    private final AuthenticationSessionModel authSession;
    private final SsprPolicy policy;
    private final CodeDelivery delivery;
    /** The user's recovery credentials, read at most once between two writes of this request. */
    private RegisteredMethods registered;

    RegisterPorts(KeycloakSession session, RequiredActionContext context, SsprPolicy policy) {
        this.session = session;
        this.context = context;
        this.realm = context.getRealm();
        this.user = context.getUser();
        this.authSession = context.getAuthenticationSession();
        this.policy = policy;
        this.delivery = CodeDelivery.of(session, realm, policy);
    }

    @Override
    public boolean factorQueued(Method method) {
        return KeycloakFactor.of(method)
                .map(factor -> FactorLinks.queued(user, factor))
                .orElse(false);
    }

    @Override
    public ResetAccess access() {
        return PolicyForUser.of(session, realm).forUser(user, registered());
    }

    SsprPolicy policy() {
        return policy;
    }

    /** The user's recovery credentials as they are now: read once, and again only after this request changed them. */
    RegisteredMethods registered() {
        if (registered == null) {
            registered = RegisteredMethods.of(user);
        }
        return registered;
    }

    @Override
    public SendOutcome send(RecoveryCredential kind, String destination, Method method) {
        return delivery.send(new CodeDelivery.Request(
                Purpose.REGISTER, method, destination, user.getId(), user, binding(kind), notes(), null));
    }

    @Override
    public void discardCode(RecoveryCredential kind) {
        delivery.codes(kind == RecoveryCredential.PHONE ? Method.SMS : Method.EMAIL, notes())
                .discard(binding(kind));
    }

    @Override
    public VerifyResult verify(RecoveryCredential kind, String code) {
        return delivery.codes(kind == RecoveryCredential.PHONE ? Method.SMS : Method.EMAIL, notes())
                .verify(binding(kind), code);
    }

    @Override
    public void saveDestination(RecoveryCredential kind, String destination, String channel) {
        boolean phone = kind == RecoveryCredential.PHONE;
        String masked = phone ? PhoneNumbers.mask(destination) : EmailAddresses.mask(destination);
        long now = Time.currentTimeMillis();
        CredentialModel model = new CredentialModel();
        model.setType(kind.type());
        model.setUserLabel(masked);
        model.setCreatedDate(now);
        if (phone) {
            model.setCredentialData(
                    RecoveryPhoneCredentialData.registered(masked, PhoneNumbers.regionOf(destination), now)
                            .toJson());
            model.setSecretData(new RecoveryPhoneSecretData(destination).toJson());
        } else {
            model.setCredentialData(
                    RecoveryEmailCredentialData.registered(masked, now).toJson());
            model.setSecretData(new RecoveryEmailSecretData(destination).toJson());
        }
        // The address being replaced is told too (read before the provider replaces the credential).
        Set<String> former =
                phone ? Set.of() : registered().email().map(Set::of).orElse(Set.of());
        CredentialModel saved = user.credentialManager().createCredentialThroughProvider(model);
        registered = null;
        event(EventType.UPDATE_CREDENTIAL, kind)
                .detail(Details.CREDENTIAL_ID, saved.getId())
                .detail("sspr_destination", masked)
                .detail("sspr_channel", channel)
                .success();
        notifyUser(Notifier.Kind.METHOD_REGISTERED, kind, former);
    }

    @Override
    public void saveQuestions(Map<String, String> answers, int questionsToAnswer) {
        SecurityQuestionsSecretData secret = new SecurityQuestionsScheme(
                        PasswordHashAnswerHasher.forRealm(session, realm))
                .enroll(answers, questionsToAnswer);
        long now = Time.currentTimeMillis();
        CredentialModel model = new CredentialModel();
        model.setType(SecurityQuestionsCredentialData.TYPE);
        model.setUserLabel(answers.size() + " questions");
        model.setCreatedDate(now);
        model.setCredentialData(
                SecurityQuestionsCredentialData.registered(List.copyOf(answers.keySet()), questionsToAnswer, now)
                        .toJson());
        model.setSecretData(secret.toJson());
        CredentialModel saved = user.credentialManager().createCredentialThroughProvider(model);
        registered = null;
        event(EventType.UPDATE_CREDENTIAL, RecoveryCredential.QUESTIONS)
                .detail(Details.CREDENTIAL_ID, saved.getId())
                .detail("sspr_questions", Integer.toString(answers.size()))
                .success();
        notifyUser(Notifier.Kind.METHOD_REGISTERED, RecoveryCredential.QUESTIONS, Set.of());
    }

    @Override
    public void remove(RecoveryCredential kind) {
        RegisteredMethods before = registered();
        CredentialModel existing = before.credentials().get(kind);
        if (existing == null) {
            return;
        }
        Set<String> removedAddress =
                kind == RecoveryCredential.EMAIL ? before.email().map(Set::of).orElse(Set.of()) : Set.of();
        user.credentialManager().removeStoredCredentialById(existing.getId());
        registered = null;
        event(EventType.REMOVE_CREDENTIAL, kind)
                .detail(Details.CREDENTIAL_ID, existing.getId())
                .success();
        notifyUser(Notifier.Kind.METHOD_REMOVED, kind, removedAddress);
    }

    @Override
    public void confirm(Set<RecoveryCredential> kinds) {
        long now = Time.currentTimeMillis();
        List<String> confirmed = new ArrayList<>();
        registered().credentials().forEach((kind, model) -> {
            if (kinds.contains(kind)) {
                model.setCredentialData(kind.confirmedData(model.getCredentialData(), now));
                user.credentialManager().updateStoredCredential(model);
                confirmed.add(kind.id());
            }
        });
        if (!confirmed.isEmpty()) {
            registered = null;
            context.getEvent()
                    .clone()
                    .event(EventType.UPDATE_CREDENTIAL)
                    .detail(DETAIL_METHOD, "confirm")
                    .detail("sspr_confirmed", String.join(",", confirmed))
                    .success();
        }
    }

    @Override
    public void refused(RecoveryCredential kind, String error, Map<String, String> details) {
        EventBuilder event = kind == null
                ? context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL_ERROR)
                : event(EventType.UPDATE_CREDENTIAL_ERROR, kind);
        details.forEach(event::detail);
        event.error(error);
    }

    @Override
    public Map<String, String> questionTexts() {
        LoginMessages messages =
                LoginMessages.of(session, realm, session.getContext().resolveLocale(user));
        return policy.offeredQuestions().stream()
                .collect(Collectors.toMap(
                        Question::id, q -> q.text(key -> messages.text(key, key)), (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public QuestionRegistrationValidator.Account questionAccount() {
        return QuestionAccount.of(realm, user);
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
        Notifier.notifyUser(
                session, realm, user, Notifier.Notice.ofRequest(session, what, List.of(kind.id()), formerAddresses));
    }

    private CodeBinding binding(RecoveryCredential kind) {
        return AuthSessionNoteStore.binding(authSession, user.getId(), "register-" + kind.id());
    }

    private AuthSessionNoteStore notes() {
        return new AuthSessionNoteStore(authSession);
    }
}
