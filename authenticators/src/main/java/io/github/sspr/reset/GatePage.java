package io.github.sspr.reset;

import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.QuestionBank;
import io.github.sspr.flow.Msg;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.reset.machine.GateMachine;
import io.github.sspr.reset.machine.GateView;
import io.github.sspr.wording.Durations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.FormMessage;

/**
 * What the gates step shows, in the person's language: the chooser's options (a blocked or capped one with its
 * reason and wait), the questions asked, and the machine's messages with their durations in words.
 */
final class GatePage {
    private final KeycloakSession session;
    private final RealmModel realm;
    private final ResetState state;
    /** Every question a registration may name, built once per request ({@link #knownQuestions}). */
    private final Map<String, Question> known;
    /** The login messages of the person's locale, read at most once per request. */
    private LoginMessages words;

    GatePage(KeycloakSession session, RealmModel realm, ResetState state, Map<String, Question> known) {
        this.session = session;
        this.realm = realm;
        this.state = state;
        this.known = known;
    }

    List<Map<String, Object>> options(List<GateView.Option> options) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (GateView.Option option : options) {
            Map<String, Object> view = new HashMap<>();
            view.put("id", option.method().id());
            view.put("masked", option.masked());
            view.put("blocked", option.blocked());
            view.put("reason", option.capped() ? "sspr.reset.optionCapped" : "sspr.reset.optionBlocked");
            view.put(
                    "wait",
                    option.blocked()
                            ? words().phrase(Durations.ofMinutes(GateMachine.minutes(option.blockedSeconds())))
                            : "");
            views.add(view);
        }
        return views;
    }

    List<Map<String, Object>> questionViews() {
        LoginMessages messages = words();
        List<Map<String, Object>> questions = new ArrayList<>();
        List<String> asked = state.asked();
        for (int i = 0; i < asked.size(); i++) {
            Question q = known.get(asked.get(i));
            Map<String, Object> view = new HashMap<>();
            view.put("index", i);
            view.put("text", q == null ? "" : q.text(key -> messages.text(key, key)));
            questions.add(view);
        }
        return questions;
    }

    /** Every question a registration may name: all predefined ones (texts in the bundles) and the custom ones. */
    static Map<String, Question> knownQuestions(SsprPolicy policy) {
        Map<String, Question> known = new LinkedHashMap<>();
        for (String id : QuestionBank.PREDEFINED_IDS) {
            known.put(id, QuestionBank.predefined(id));
        }
        for (Question q : policy.offeredQuestions()) {
            known.putIfAbsent(q.id(), q);
        }
        return known;
    }

    FormMessage formMessage(Msg message) {
        return new FormMessage(message.field(), message.key(), params(message));
    }

    /**
     * The page's words in the person's language: durations the machine decided ("24 hours"), question texts. The
     * language is the request's (chosen on the page, the browser's), never an account's stored one: that would tell an
     * account from a decoy. Keycloak's page around them is in the same language: the flow holds no user yet.
     */
    LoginMessages words() {
        if (words == null) {
            words = LoginMessages.of(session, realm, session.getContext().resolveLocale(null));
        }
        return words;
    }

    /** A message's parameters in words; none to word costs no read of the bundles. */
    Object[] params(Msg message) {
        return message.params().isEmpty() ? new Object[0] : words().resolve(message.params());
    }
}
