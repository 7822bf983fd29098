package io.github.sspr.reset;

import io.github.sspr.delivery.CodeDelivery;
import io.github.sspr.delivery.rule.Purpose;
import io.github.sspr.flow.Msg;
import io.github.sspr.policy.Method;
import io.github.sspr.reset.machine.GateMachine;
import io.github.sspr.reset.machine.GateView;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The verification gates as a Keycloak authenticator: reads the form, runs the {@link GateMachine} (which holds every
 * rule: docs/architecture.md, "The reset flow"), renders what it decides, and gives it the throttle, the code pipeline
 * ({@link CodeDelivery}, purpose {@link Purpose#RESET}: sends after the commit, so the decoy path answers as fast), the
 * question scheme and the flow's events.
 */
public final class ResetGates extends ResetStep {

    static final String ACTION = "sspr-action";
    static final String TEMPLATE_CHOOSE = "sspr-reset-choose.ftl";
    static final String TEMPLATE_CODE = "sspr-reset-code.ftl";
    static final String TEMPLATE_PHONE = "sspr-reset-phone.ftl";
    static final String TEMPLATE_FACTOR = "sspr-reset-factor.ftl";
    static final String TEMPLATE_PASSKEY = "sspr-reset-passkey.ftl";
    static final String TEMPLATE_QUESTIONS = "sspr-reset-questions.ftl";

    /** Single-use-object key prefix under which a failed background send is reported back to the flow. */
    static final String SEND_FAILURE_PREFIX = "sspr:sendfail:";

    /** The actions whose decisions are padded to a floor of their own (TimingFloor); others are not timed. */
    static final List<String> TIMED_ACTIONS = List.of("choose", "confirm-phone", "verify", "resend", "answer", "other");

    private final Map<String, TimingFloor> floors;

    ResetGates(KeycloakSession session, Map<String, TimingFloor> floors) {
        super(session);
        this.floors = floors;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        ResetState state = new ResetState(context.getAuthenticationSession());
        if (!state.identified()) {
            context.resetFlow();
            return;
        }
        GateRequest request = new GateRequest(session, context, state);
        render(request, request.machine.enter());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        ResetState state = new ResetState(context.getAuthenticationSession());
        if (!state.identified()) {
            context.resetFlow();
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(ACTION);
        // The whole answer (the credentials read, a code issued and handed over or made up, the page, the commit) is
        // padded to the action's floor, so that an account's takes as long as a decoy's (docs/reset-identify.md).
        boolean decoy = state.isDecoy();
        TimingFloor floor = floors.get(action == null ? "" : action);
        long started = floor == null ? 0 : floor.start();
        GateRequest request = new GateRequest(session, context, state);
        GateMachine machine = request.machine;
        GateView view = switch (action == null ? "" : action) {
            case "choose" -> machine.choose(form.getFirst("method"));
            case "confirm-phone" -> machine.confirmPhone(form.getFirst("phone"));
            case "verify" -> machine.verify(form.getFirst("code"));
            case "resend" -> machine.resend();
            case "answer" -> machine.answer(answers(form, state.asked()));
            case "other" -> machine.other();
            case "cancel" -> machine.cancel();
            default -> machine.current(null);
        };
        render(request, view);
        if (floor != null) {
            floor.padAtEnd(session.getTransactionManager(), started, decoy);
        }
    }

    private static Map<String, String> answers(MultivaluedMap<String, String> form, List<String> asked) {
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            answers.put(asked.get(i), form.getFirst("answer-" + i));
        }
        return answers;
    }

    private static void render(GateRequest request, GateView view) {
        switch (view.kind()) {
            case PASSED -> {
                request.passed();
                request.context.success();
            }
            case END_ERROR -> {
                request.state.clear();
                request.context.forkWithErrorMessage(request.page.formMessage(view.message()));
            }
            case END_INFO -> {
                request.state.clear();
                request.context.forkWithSuccessMessage(request.page.formMessage(view.message()));
            }
            default -> {
                LoginFormsProvider form = ResetSupport.form(request.context, request.state);
                Method method = request.state.currentMethod().orElse(Method.EMAIL);
                form.setAttribute("ssprMethod", method.id());
                form.setAttribute("ssprMasked", request.registration.masked().getOrDefault(method, ""));
                String template = switch (view.kind()) {
                    case CHOOSER -> {
                        form.setAttribute("ssprOptions", request.page.options(view.options()));
                        yield TEMPLATE_CHOOSE;
                    }
                    case CODE -> {
                        form.setAttribute(
                                "ssprCodeLength",
                                request.delivery.settings(method).digits());
                        yield TEMPLATE_CODE;
                    }
                    case PHONE -> TEMPLATE_PHONE;
                    case FACTOR -> {
                        if (method != Method.PASSKEY) {
                            yield TEMPLATE_FACTOR;
                        }
                        form.setAttribute("ssprPasskey", request.passkeyPage());
                        yield TEMPLATE_PASSKEY;
                    }
                    default -> {
                        form.setAttribute("ssprQuestions", request.page.questionViews());
                        yield TEMPLATE_QUESTIONS;
                    }
                };
                Msg message = view.message();
                if (message != null && message.error()) {
                    form.addError(request.page.formMessage(message));
                } else if (message != null) {
                    form.setInfo(message.key(), request.page.params(message));
                }
                var page = form.createForm(template);
                if (!view.failure()) {
                    request.context.challenge(page);
                } else {
                    request.context.failureChallenge(
                            view.expired()
                                    ? AuthenticationFlowError.EXPIRED_CODE
                                    : AuthenticationFlowError.INVALID_CREDENTIALS,
                            page);
                }
            }
        }
    }
}
