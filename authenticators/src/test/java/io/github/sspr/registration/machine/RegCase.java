package io.github.sspr.registration.machine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.flow.MapNoteStore;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.SsprPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/** The rows of {@link RegistrationMachineTest}: the registration as it stands, and what must come of one action. */
final class RegCase {

    private RegCase() {}

    static Given given(SsprPolicy policy) {
        return new Given(policy);
    }

    static Then then(String step, Msg... messages) {
        return new Then(step, List.of(messages));
    }

    /** The registration before the action: the policy in effect, the notes, the posted form, the world's answers. */
    static final class Given {
        final SsprPolicy policy;
        final MapNoteStore store = new MapNoteStore();
        final Map<String, String> input = new HashMap<>();
        final FakeRegistrationPorts ports = new FakeRegistrationPorts();

        private Given(SsprPolicy policy) {
            this.policy = policy;
        }

        Given input(String... nameValues) {
            for (int i = 0; i + 1 < nameValues.length; i += 2) {
                input.put(nameValues[i], nameValues[i + 1]);
            }
            return this;
        }

        Given step(String step) {
            store.with(RegistrationNotes.STEP, step);
            return this;
        }

        Given pending(RecoveryCredential kind, String destination, String channel) {
            store.with(RegistrationNotes.PENDING_KIND, kind.id()).with(RegistrationNotes.PENDING_DEST, destination);
            if (channel != null) {
                store.with(RegistrationNotes.PENDING_CHANNEL, channel);
            }
            return this;
        }

        Given sendAnswers(SendOutcome.Status status, String reason, long retryAfterSeconds) {
            ports.sendOutcome = new SendOutcome(status, reason, retryAfterSeconds, 0, 0);
            return this;
        }

        Given code(VerifyResult result) {
            ports.verifyResult = result;
            return this;
        }

        /** The user chose to set up the Keycloak factor behind {@code method} (its required action is queued). */
        Given queued(io.github.sspr.policy.Method method) {
            ports.queued.add(method);
            return this;
        }

        Given access(ResetAccess access) {
            ports.access = access;
            return this;
        }

        RegistrationMachine machine() {
            return new RegistrationMachine(new RegistrationNotes(store), policy, input, ports);
        }
    }

    /** What must come of it. Refusal events are always checked (none unless listed); notes and calls when listed. */
    static final class Then {
        private final String step;
        private final List<Msg> messages;
        private Map<String, String> form = Map.of();
        private boolean finished;
        private List<String> refusals = List.of();
        private final Map<String, String> notes = new LinkedHashMap<>();
        private final Map<String, List<String>> calls = new LinkedHashMap<>();

        private Then(String step, List<Msg> messages) {
            this.step = step;
            this.messages = messages;
        }

        /** The typed values shown again. */
        Then form(String... nameValues) {
            Map<String, String> kept = new HashMap<>();
            for (int i = 0; i + 1 < nameValues.length; i += 2) {
                kept.put(nameValues[i], nameValues[i + 1]);
            }
            form = kept;
            return this;
        }

        Then finished() {
            finished = true;
            return this;
        }

        /** The refusal events, e.g. {@code email|invalid_code|{reason=wrong}}. */
        Then refused(String... refusals) {
            this.refusals = List.of(refusals);
            return this;
        }

        /** A note after the action; {@code null}: not set. */
        Then note(String name, String value) {
            notes.put(name, value);
            return this;
        }

        /** No destination waits for a code. */
        Then nothingPending() {
            return note(RegistrationNotes.PENDING_KIND, null)
                    .note(RegistrationNotes.PENDING_DEST, null)
                    .note(RegistrationNotes.PENDING_CHANNEL, null);
        }

        Then pending(RecoveryCredential kind, String destination, String channel) {
            return note(RegistrationNotes.PENDING_KIND, kind.id())
                    .note(RegistrationNotes.PENDING_DEST, destination)
                    .note(RegistrationNotes.PENDING_CHANNEL, channel);
        }

        Then calls(String kind, String... made) {
            calls.put(kind, List.of(made));
            return this;
        }

        void check(RegView view, Given given) {
            List<Executable> checks = new ArrayList<>();
            checks.add(() -> assertEquals(step, view.step(), "step"));
            checks.add(() -> assertEquals(messages, view.messages(), "messages"));
            checks.add(() -> assertEquals(form, view.form(), "form"));
            checks.add(() -> assertEquals(finished, view.finished(), "finished"));
            checks.add(() -> assertEquals(
                    refusals.stream().map(r -> "refused:" + r).toList(), given.ports.calls("refused"), "refusals"));
            notes.forEach(
                    (name, value) -> checks.add(() -> assertEquals(value, given.store.get(name), "note " + name)));
            calls.forEach((name, made) -> checks.add(() -> assertEquals(made, given.ports.calls(name), name)));
            assertAll(checks);
        }
    }

    /** One action on the machine. */
    interface When extends Function<RegistrationMachine, RegView> {}
}
