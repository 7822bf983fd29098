package io.github.sspr.reset;

import io.github.sspr.policy.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The reset flow's state, all in the authentication session's notes (replicated by Keycloak's cluster; one browser tab
 * of one flow). Nothing here is a secret: code hashes live in the one-time-code core's own notes.
 */
final class ResetState {

    static final String SUBJECT = "sspr.reset.subject";
    static final String USER_ID = "sspr.reset.user";
    static final String USERNAME = "sspr.reset.username";
    static final String DECOY = "sspr.reset.decoy";
    static final String MODE = "sspr.reset.mode";
    static final String GATES = "sspr.reset.gates";
    static final String PASSED = "sspr.reset.passed";
    static final String METHOD = "sspr.reset.method";
    static final String ASKED = "sspr.reset.asked";
    static final String PHONE_CONFIRMED = "sspr.reset.phoneConfirmed";
    static final String PASSWORD_SET = "sspr.reset.passwordSet";
    static final String OUTCOME = "sspr.reset.outcome";
    static final String STEP = "sspr.reset.step";
    /** Prefix of the per-gate "offered" guard (one gate-offered event per gate, not per page view). */
    static final String OFFERED = "sspr.reset.offered.";
    /** The flow's id in events (set when the user is identified), which keys its one activity row. */
    static final String FLOW = "sspr.reset.flow";

    static final String MODE_RESET = "reset";
    static final String MODE_UNLOCK = "unlock";

    private final AuthenticationSessionModel authSession;

    ResetState(AuthenticationSessionModel authSession) {
        this.authSession = authSession;
    }

    AuthenticationSessionModel authSession() {
        return authSession;
    }

    String get(String note) {
        return authSession.getAuthNote(note);
    }

    void set(String note, String value) {
        if (value == null) {
            authSession.removeAuthNote(note);
        } else {
            authSession.setAuthNote(note, value);
        }
    }

    boolean identified() {
        return get(SUBJECT) != null;
    }

    /** The throttle subject: the user's id, or for a decoy a stable pseudonym of the typed username. */
    String subject() {
        return get(SUBJECT);
    }

    boolean isDecoy() {
        return get(DECOY) != null;
    }

    String decoyCause() {
        return get(DECOY);
    }

    String username() {
        String name = get(USERNAME);
        return name == null ? "" : name;
    }

    boolean unlockMode() {
        return MODE_UNLOCK.equals(get(MODE));
    }

    String mode() {
        return unlockMode() ? MODE_UNLOCK : MODE_RESET;
    }

    int gatesRequired() {
        try {
            return Math.max(1, Integer.parseInt(get(GATES)));
        } catch (NumberFormatException | NullPointerException e) {
            return 2; // a missing or corrupt note asks for more, never less
        }
    }

    List<Method> passed() {
        String value = get(PASSED);
        List<Method> methods = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            for (String id : value.split(",")) {
                Method.fromId(id).ifPresent(methods::add);
            }
        }
        return methods;
    }

    void markPassed(Method method) {
        List<Method> methods = passed();
        if (!methods.contains(method)) {
            methods.add(method);
        }
        set(PASSED, String.join(",", methods.stream().map(Method::id).toList()));
    }

    boolean gatesDone() {
        return passed().size() >= gatesRequired();
    }

    Optional<Method> currentMethod() {
        String id = get(METHOD);
        return id == null ? Optional.empty() : Method.fromId(id);
    }

    List<String> asked() {
        String value = get(ASKED);
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }

    /** The methods used so far, for events and activity rows (e.g. {@code email,sms}). */
    String methodsDetail() {
        List<String> ids = new ArrayList<>(passed().stream().map(Method::id).toList());
        currentMethod().map(Method::id).filter(id -> !ids.contains(id)).ifPresent(ids::add);
        return String.join(",", ids);
    }

    /** Forgets everything of this flow (after its terminal outcome), so that a replayed form finds nothing. */
    void clear() {
        for (String note : List.of(
                SUBJECT,
                USER_ID,
                USERNAME,
                DECOY,
                MODE,
                GATES,
                PASSED,
                METHOD,
                ASKED,
                PHONE_CONFIRMED,
                PASSWORD_SET,
                STEP,
                OFFERED + 0,
                OFFERED + 1,
                OFFERED + 2,
                FLOW)) {
            authSession.removeAuthNote(note);
        }
    }
}
