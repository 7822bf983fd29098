package io.github.sspr.reset.machine;

import io.github.sspr.otp.NoteStore;
import io.github.sspr.policy.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The reset flow's state, all in notes of one login tab: in production the authentication session's notes, which
 * Keycloak replicates across the cluster (docs/architecture.md, "Where state lives"). Nothing here is a secret: code
 * hashes live in the one-time-code core's own notes.
 */
public class ResetNotes {

    public static final String SUBJECT = "sspr.reset.subject";
    public static final String USER_ID = "sspr.reset.user";
    public static final String USERNAME = "sspr.reset.username";
    public static final String DECOY = "sspr.reset.decoy";
    public static final String MODE = "sspr.reset.mode";
    public static final String GATES = "sspr.reset.gates";
    public static final String PASSED = "sspr.reset.passed";
    public static final String METHOD = "sspr.reset.method";
    public static final String ASKED = "sspr.reset.asked";
    public static final String PHONE_CONFIRMED = "sspr.reset.phoneConfirmed";
    public static final String PASSWORD_SET = "sspr.reset.passwordSet";
    /** Lost-authenticator mode: the type of the credential removed (docs/reset.md, "Lost authenticator"). */
    public static final String FACTOR_REMOVED = "sspr.reset.factorRemoved";
    /** After a recovery code passed a gate: how many codes the user has left (told on the next page). */
    public static final String CODES_LEFT = "sspr.reset.codesLeft";
    /** The method the user must pass among their gates (a privileged user's passkey), or unset. */
    public static final String MUST_PASS = "sspr.reset.mustPass";

    public static final String OUTCOME = "sspr.reset.outcome";
    public static final String STEP = "sspr.reset.step";
    /** Prefix of the per-gate "offered" guard (one gate-offered event per gate, not per page view). */
    public static final String OFFERED = "sspr.reset.offered.";
    /** The flow's id in events (set when the user is identified), which keys its one activity row. */
    public static final String FLOW = "sspr.reset.flow";

    public static final String MODE_RESET = "reset";
    public static final String MODE_UNLOCK = "unlock";
    /** "I lost my authenticator app or security key": the gates, then the lost credential removed; no new password. */
    public static final String MODE_FACTOR = "factor";

    private final NoteStore notes;

    public ResetNotes(NoteStore notes) {
        this.notes = notes;
    }

    public String get(String note) {
        return notes.get(note);
    }

    public void set(String note, String value) {
        if (value == null) {
            notes.remove(note);
        } else {
            notes.set(note, value);
        }
    }

    public boolean identified() {
        return get(SUBJECT) != null;
    }

    /** The throttle subject: the user's id, or for a decoy a stable pseudonym of the typed username. */
    public String subject() {
        return get(SUBJECT);
    }

    public boolean isDecoy() {
        return get(DECOY) != null;
    }

    public String decoyCause() {
        return get(DECOY);
    }

    public String username() {
        String name = get(USERNAME);
        return name == null ? "" : name;
    }

    public boolean unlockMode() {
        return MODE_UNLOCK.equals(get(MODE));
    }

    public boolean factorMode() {
        return MODE_FACTOR.equals(get(MODE));
    }

    public String mode() {
        return unlockMode() ? MODE_UNLOCK : factorMode() ? MODE_FACTOR : MODE_RESET;
    }

    /** The funnel step after the last gate: the new password, the unlock, or the pick of the lost authenticator. */
    public String stepAfterGates() {
        return unlockMode() ? "unlock" : factorMode() ? "pick-factor" : "new-password";
    }

    public int gatesRequired() {
        try {
            int gates = Integer.parseInt(get(GATES));
            return gates < 1 ? 2 : gates; // a corrupt note asks for more, never less
        } catch (NumberFormatException | NullPointerException e) {
            return 2; // a missing or corrupt note asks for more, never less
        }
    }

    public List<Method> passed() {
        String value = get(PASSED);
        List<Method> methods = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            for (String id : value.split(",")) {
                Method.fromId(id).ifPresent(methods::add);
            }
        }
        return methods;
    }

    public void markPassed(Method method) {
        List<Method> methods = passed();
        if (!methods.contains(method)) {
            methods.add(method);
        }
        set(PASSED, String.join(",", methods.stream().map(Method::id).toList()));
    }

    /** The method the user must pass among their gates ({@link #MUST_PASS}), or {@code null}. */
    public Method mustPass() {
        String id = get(MUST_PASS);
        return id == null ? null : Method.fromId(id).orElse(null);
    }

    public boolean gatesDone() {
        return passed().size() >= gatesRequired();
    }

    public Optional<Method> currentMethod() {
        String id = get(METHOD);
        return id == null ? Optional.empty() : Method.fromId(id);
    }

    public List<String> asked() {
        String value = get(ASKED);
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }

    /** The furthest funnel step reached ({@code identified} until a gate is chosen). */
    public String stepReached() {
        String step = get(STEP);
        return step == null ? "identified" : step;
    }

    /** The methods used so far, for events and activity rows (e.g. {@code email,sms}). */
    public String methodsDetail() {
        List<String> ids = new ArrayList<>(passed().stream().map(Method::id).toList());
        currentMethod().map(Method::id).filter(id -> !ids.contains(id)).ifPresent(ids::add);
        return String.join(",", ids);
    }

    /** Forgets the gate being worked on (after it passed, or when the user tries another way). */
    public void leaveGate() {
        set(METHOD, null);
        set(ASKED, null);
        set(PHONE_CONFIRMED, null);
    }

    /** Forgets everything of this flow (after its terminal outcome), so that a replayed form finds nothing. */
    public void clear() {
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
                FACTOR_REMOVED,
                CODES_LEFT,
                MUST_PASS,
                STEP,
                OFFERED + 0,
                OFFERED + 1,
                OFFERED + 2,
                FLOW)) {
            notes.remove(note);
        }
    }
}
