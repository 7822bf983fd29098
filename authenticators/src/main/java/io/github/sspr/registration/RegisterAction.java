package io.github.sspr.registration;

import io.github.sspr.access.PolicyForUser;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.credentials.questions.QuestionRegistrationValidator;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.otp.store.AuthSessionNoteStore;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.registration.machine.RegView;
import io.github.sspr.registration.machine.RegistrationMachine;
import io.github.sspr.registration.machine.RegistrationNotes;
import io.github.sspr.spi.SsprRequiredAction;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The registration pages as a Keycloak required action: an overview of the user's recovery methods (masked) with add,
 * change and remove, one page per method, a code page that verifies a phone or email before it is saved, and a
 * confirmation when the re-confirmation period is over. Every rule is in {@link RegistrationMachine}; this adapter
 * reads the form, runs the machine over {@link RegisterPorts} and renders its answer (docs/registration.md).
 */
public final class RegisterAction extends SsprRequiredAction {

    static final String ACTION = "sspr-action";

    private static final Map<String, String> TEMPLATES = Map.of(
            RegistrationMachine.STEP_OVERVIEW, "sspr-register.ftl",
            RegistrationMachine.STEP_PHONE, "sspr-register-phone.ftl",
            RegistrationMachine.STEP_EMAIL, "sspr-register-email.ftl",
            RegistrationMachine.STEP_CODE, "sspr-register-code.ftl",
            RegistrationMachine.STEP_QUESTIONS, "sspr-register-questions.ftl");

    RegisterAction(KeycloakSession session) {
        super(session);
    }

    /**
     * Adds the action to this sign-in when the policy-for-user rule says the user must register or confirm. It is added
     * to the authentication session, not the user: the check runs again at every sign-in, so neither a cancelled page
     * nor a closed tab removes the requirement, and nothing is stored for users who comply.
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (isTokenEndpoint(context)) {
            // A password grant cannot show a page; Keycloak would refuse it as "account not fully set up". The
            // requirement is enforced at the next interactive sign-in instead.
            return;
        }
        ResetAccess access = PolicyForUser.of(session, context.getRealm()).forUser(context.getUser());
        if (RegistrationMachine.required(access, Time.currentTimeMillis())) {
            context.getAuthenticationSession().addRequiredAction(RegisterActionFactory.ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        RegisterPorts ports = ports(context);
        render(context, machine(context, Map.of(), ports).current(), ports);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Map<String, String> input = new HashMap<>();
        form.forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                input.put(name, values.get(0));
            }
        });
        RegisterPorts ports = ports(context);
        RegistrationMachine machine = machine(context, input, ports);
        String action = form.getFirst(ACTION);
        RegView view = switch (action == null ? "" : action) {
            case "add-phone" -> machine.show(RegistrationMachine.STEP_PHONE, RecoveryCredential.PHONE);
            case "add-email" -> machine.show(RegistrationMachine.STEP_EMAIL, RecoveryCredential.EMAIL);
            case "add-questions" -> machine.show(RegistrationMachine.STEP_QUESTIONS, RecoveryCredential.QUESTIONS);
            case "remove-phone" -> machine.remove(RecoveryCredential.PHONE);
            case "remove-email" -> machine.remove(RecoveryCredential.EMAIL);
            case "remove-questions" -> machine.remove(RecoveryCredential.QUESTIONS);
            case "send-phone" -> machine.sendPhone(actionConfig(context).defaultPhoneRegion());
            case "send-email" -> machine.sendEmail(context.getUser().getEmail());
            case "resend" -> machine.resend();
            case "verify" -> machine.verify(input.get("code"));
            case "save-questions" -> machine.saveQuestions();
            case "back" -> machine.show(RegistrationMachine.STEP_OVERVIEW, null);
            case "setup-passkey", "setup-otp", "setup-recovery-codes" -> {
                FactorLinks.setUp(
                        context.getRealm(),
                        context.getUser(),
                        PolicyForUser.of(session, context.getRealm()).policyFor(context.getUser()),
                        action.substring("setup-".length()));
                yield machine.show(RegistrationMachine.STEP_OVERVIEW, null);
            }
            case "done" ->
                machine.done(
                        RegisterActionFactory.ID.equals(
                                context.getAuthenticationSession().getClientNote(Constants.KC_ACTION)),
                        Time.currentTimeMillis());
            default -> machine.current();
        };
        render(context, view, ports);
    }

    /** The request's ports: they read the user's credentials once and again only after a change. */
    private RegisterPorts ports(RequiredActionContext context) {
        SsprPolicy policy = PolicyForUser.of(session, context.getRealm()).policyFor(context.getUser());
        return new RegisterPorts(session, context, policy);
    }

    private RegistrationMachine machine(RequiredActionContext context, Map<String, String> input, RegisterPorts ports) {
        return new RegistrationMachine(notes(context), ports.policy(), input, ports);
    }

    private static RegistrationNotes notes(RequiredActionContext context) {
        return new RegistrationNotes(new AuthSessionNoteStore(context.getAuthenticationSession()));
    }

    /** Renders the machine's answer: the page with the branding, the user's methods and what its step needs. */
    private void render(RequiredActionContext context, RegView view, RegisterPorts ports) {
        if (view.finished()) {
            context.success();
            return;
        }
        RealmModel realm = context.getRealm();
        RegisteredMethods registered = ports.registered();
        ResetAccess access = PolicyForUser.of(session, realm).forUser(context.getUser(), registered);
        SsprPolicy policy = access.policy();

        LoginFormsProvider form = context.form();
        Branding.of(policy, realm.getDisplayName(), realm.getName()).applyTo(form);
        List<MethodView> methods = new ArrayList<>();
        for (RecoveryCredential kind : RegistrationMachine.offered(policy)) {
            boolean has = registered.credentials().containsKey(kind);
            methods.add(new MethodView(kind.id(), has, has ? registered.label(kind) : null, kind.type()));
        }
        form.setAttribute("ssprMethods", methods);
        form.setAttribute("ssprFactors", FactorLinks.views(realm, context.getUser(), policy, registered.factors()));
        form.setAttribute(
                "ssprNeed", access.need(Time.currentTimeMillis()).name().toLowerCase(Locale.ROOT));
        // Worded here: the page's words come with the person's locale, and a plural needs a real number, which a
        // template cannot hand to msg() (docs/messages.md). Durations decided by the machine become words here too.
        LoginMessages words =
                LoginMessages.of(session, realm, session.getContext().resolveLocale(context.getUser()));
        form.setAttribute(
                "ssprIntro",
                access.reason() == ResetAccess.Reason.PRIVILEGED_NO_PASSKEY
                        ? words.format("sspr.register.introPasskey")
                        : words.format("sspr.register.intro", policy.gatesRequired()));
        form.setAttribute("ssprEnough", access.canReset());
        form.setAttribute("ssprForm", view.form());
        switch (view.step()) {
            case RegistrationMachine.STEP_PHONE -> {
                form.setAttribute("ssprSms", policy.allows(Method.SMS));
                form.setAttribute("ssprVoice", policy.allows(Method.VOICE));
            }
            case RegistrationMachine.STEP_CODE -> {
                RegistrationNotes notes = notes(context);
                String kind = notes.pendingKind().map(RecoveryCredential::id).orElse("");
                String dest = notes.pendingDestination();
                boolean phone = RecoveryCredential.PHONE.id().equals(kind);
                form.setAttribute("ssprPendingKind", kind);
                form.setAttribute("ssprPendingChannel", notes.pendingChannel());
                form.setAttribute(
                        "ssprPendingMasked",
                        dest == null ? "" : phone ? PhoneNumbers.mask(dest) : EmailAddresses.mask(dest));
                form.setAttribute("ssprCodeLength", (phone ? CodeSettings.phone() : CodeSettings.email()).digits());
            }
            case RegistrationMachine.STEP_QUESTIONS -> {
                List<QuestionView> offered = new ArrayList<>();
                new RegisterPorts(session, context, policy)
                        .questionTexts()
                        .forEach((id, text) -> offered.add(new QuestionView(id, text)));
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
        for (Msg message : view.messages()) {
            switch (message.level()) {
                case ERROR ->
                    form.addError(new FormMessage(message.field(), message.key(), words.resolve(message.params())));
                case SUCCESS -> form.setSuccess(message.key(), words.resolve(message.params()));
                case INFO -> form.setInfo(message.key(), words.resolve(message.params()));
            }
        }
        context.challenge(form.createForm(TEMPLATES.getOrDefault(view.step(), "sspr-register.ftl")));
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

    private static boolean isTokenEndpoint(RequiredActionContext context) {
        String path = context.getUriInfo() == null ? null : context.getUriInfo().getPath();
        return path != null && path.endsWith("/protocol/openid-connect/token");
    }
}
