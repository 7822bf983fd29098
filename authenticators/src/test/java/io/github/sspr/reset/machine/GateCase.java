package io.github.sspr.reset.machine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.flow.MapNoteStore;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.throttle.Decision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/** The rows of {@link GateMachineTest}: the flow as it stands, and what must come of one action. */
final class GateCase {

    static final Map<Method, String> MASKS = Map.of(
            Method.EMAIL, "j***@example.com",
            Method.SMS, "+16*******00",
            Method.VOICE, "+16*******00",
            Method.QUESTIONS, "3");

    /** The user's own Keycloak factors: nothing masked for the app; the number of the next recovery code. */
    static final Map<Method, String> FACTOR_MASKS =
            Map.of(Method.PASSKEY, "", Method.OTP, "", Method.RECOVERY_CODES, "4");

    private GateCase() {}

    static Given given() {
        return new Given();
    }

    static Then then(GateView.Kind kind, Msg message) {
        return new Then(kind, message);
    }

    /** The flow before the action: identified, one gate, email, SMS and voice usable, every gate open. */
    static final class Given {
        final MapNoteStore store =
                new MapNoteStore().with(ResetNotes.SUBJECT, "user-1").with(ResetNotes.GATES, "1");
        final FakeGatePorts ports = new FakeGatePorts();
        private Set<Method> methods = EnumSet.of(Method.EMAIL, Method.SMS, Method.VOICE);
        private boolean confirmPhone;

        Given methods(Method... methods) {
            this.methods = methods.length == 0 ? EnumSet.noneOf(Method.class) : EnumSet.copyOf(Arrays.asList(methods));
            return this;
        }

        Given gates(int gates) {
            return note(ResetNotes.GATES, Integer.toString(gates));
        }

        Given passed(String ids) {
            return note(ResetNotes.PASSED, ids);
        }

        Given on(Method method) {
            return note(ResetNotes.METHOD, method.id());
        }

        Given asked(String ids) {
            return note(ResetNotes.ASKED, ids);
        }

        Given reached(String step) {
            return note(ResetNotes.STEP, step);
        }

        /** The chooser of the first gate was shown already (its gate-offered event is out). */
        Given chooserSeen() {
            return note(ResetNotes.OFFERED + 0, "1");
        }

        Given decoy() {
            store.with(ResetNotes.SUBJECT, "decoy-0123");
            return note(ResetNotes.DECOY, "unknown");
        }

        Given confirmPhone() {
            confirmPhone = true;
            return this;
        }

        Given note(String name, String value) {
            store.with(name, value);
            return this;
        }

        Given gate(Method method, Decision decision) {
            ports.gates.put(method, decision);
            return this;
        }

        Given failureBlocks(Method method, long seconds) {
            ports.failures.put(method, FakeGatePorts.blockedFor(seconds));
            return this;
        }

        Given sendAnswers(Method method, SendOutcome.Status status, String reason, long retryAfterSeconds) {
            ports.sends.put(method, FakeGatePorts.outcome(status, reason, retryAfterSeconds));
            return this;
        }

        Given parkedFailure(Method method, String reason) {
            ports.parkedFailures.put(method, reason);
            return this;
        }

        Given code(VerifyResult result, int triesLeft) {
            ports.verifyResult = result;
            ports.triesLeft = triesLeft;
            return this;
        }

        Given phoneMatches() {
            ports.phoneMatches = true;
            return this;
        }

        /** Keycloak's credential provider accepts the typed code of the user's own factor. */
        Given factorValid() {
            ports.factorValid = true;
            return this;
        }

        Given answersRight() {
            ports.answersRight = true;
            return this;
        }

        Given draws(String... ids) {
            ports.draws.add(List.of(ids));
            return this;
        }

        ResetNotes notes() {
            return new ResetNotes(store);
        }

        GateMachine machine() {
            ResetNotes notes = notes();
            ports.watching(notes);
            Map<Method, String> available = new EnumMap<>(Method.class);
            methods.forEach(m -> available.put(m, MASKS.getOrDefault(m, FACTOR_MASKS.get(m))));
            return new GateMachine(notes, available, confirmPhone, ports);
        }
    }

    /** What must come of the action. Events are always checked (none unless listed); notes and calls when listed. */
    static final class Then {
        private final GateView.Kind kind;
        private final Msg message;
        private boolean failure;
        private boolean expired;
        private List<String> options;
        private List<String> events = List.of();
        private final Map<String, String> notes = new LinkedHashMap<>();
        private final Map<String, List<String>> calls = new LinkedHashMap<>();

        private Then(GateView.Kind kind, Msg message) {
            this.kind = kind;
            this.message = message;
        }

        /** A failed attempt for Keycloak ({@code failureChallenge}). */
        Then failure() {
            failure = true;
            return this;
        }

        /** A failed attempt on an expired or dead code. */
        Then expired() {
            failure = true;
            expired = true;
            return this;
        }

        /** The chooser's methods: {@code sms} when open, {@code sms!125} when blocked for 125 seconds. */
        Then options(String... options) {
            this.options = List.of(options);
            return this;
        }

        Then events(String... events) {
            this.events = List.of(events);
            return this;
        }

        /** A note after the action; {@code null}: not set. */
        Then note(String name, String value) {
            notes.put(name, value);
            return this;
        }

        /** The calls of one kind made to the ports, e.g. {@code calls("send", "send:email:true")}. */
        Then calls(String kind, String... made) {
            calls.put(kind, List.of(made));
            return this;
        }

        void check(GateView view, Given given) {
            List<Executable> checks = new ArrayList<>();
            checks.add(() -> assertEquals(kind, view.kind(), "kind"));
            checks.add(() -> assertEquals(message, view.message(), "message"));
            checks.add(() -> assertEquals(failure, view.failure(), "failure"));
            checks.add(() -> assertEquals(expired, view.expired(), "expired"));
            checks.add(() -> assertEquals(events, given.ports.events, "events"));
            if (options != null) {
                checks.add(() -> assertEquals(options, optionIds(view), "options"));
            } else if (kind != GateView.Kind.CHOOSER) {
                checks.add(() -> assertEquals(List.of(), view.options(), "options"));
            }
            notes.forEach(
                    (name, value) -> checks.add(() -> assertEquals(value, given.store.get(name), "note " + name)));
            calls.forEach((name, made) -> checks.add(() -> assertEquals(made, given.ports.calls(name), name)));
            assertAll(checks);
        }

        private static List<String> optionIds(GateView view) {
            return view.options().stream()
                    .map(o -> o.method().id() + (o.blocked() ? "!" + o.blockedSeconds() : ""))
                    .toList();
        }
    }

    /** One action on the machine. */
    interface When extends Function<GateMachine, GateView> {}
}
