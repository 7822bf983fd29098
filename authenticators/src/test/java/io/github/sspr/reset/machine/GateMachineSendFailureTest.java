package io.github.sspr.reset.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.otp.NoteStore;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.throttle.Decision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the gates answer when a code cannot go out (docs/sms.md, "When the SMS provider fails"): a number that cannot
 * receive and a channel that cannot send now both send the user back to the chooser, saying so, instead of inviting a
 * resend that cannot work; other failures keep the code page.
 */
class GateMachineSendFailureTest {

    private final Map<String, String> store = new HashMap<>();
    private final ResetNotes notes = new ResetNotes(new NoteStore() {
        @Override
        public String get(String name) {
            return store.get(name);
        }

        @Override
        public void set(String name, String value) {
            store.put(name, value);
        }

        @Override
        public void remove(String name) {
            store.remove(name);
        }
    });
    private final FakePorts ports = new FakePorts();

    private GateMachine machine() {
        notes.set(ResetNotes.SUBJECT, "user-1");
        notes.set(ResetNotes.GATES, "1");
        return new GateMachine(
                notes, Map.of(Method.SMS, "+49*********78", Method.EMAIL, "a***@example.com"), false, ports);
    }

    @ParameterizedTest(name = "sent {0} ({1}) → {2} {3}")
    @CsvSource({
        // status,      reason,              page,    message
        "UNAVAILABLE, sms_unavailable, CHOOSER, sspr.reset.error.unavailable",
        "UNAVAILABLE, lane_full, CHOOSER, sspr.reset.error.unavailable",
        "SENT, , CODE, sspr.reset.codeSent.sms",
    })
    void whenTheSendIsAnswered(SendOutcome.Status status, String reason, GateView.Kind page, String message) {
        ports.outcome = new SendOutcome(status, reason, 0, 3, 0);

        GateView view = machine().choose("sms");

        assertEquals(page, view.kind());
        assertEquals(message, view.message().key());
        if (page == GateView.Kind.CHOOSER) {
            assertNull(notes.get(ResetNotes.METHOD), "no method in hand: the chooser offers every method again");
            assertEquals(
                    List.of(Method.EMAIL, Method.SMS),
                    view.options().stream()
                            .map(GateView.Option::method)
                            .sorted()
                            .toList());
        }
    }

    @ParameterizedTest(name = "failed in the background with {0} → {1} {2}")
    @CsvSource({
        "sms_invalid_number, CHOOSER, sspr.reset.error.cannotReceive",
        "sms_unavailable, CHOOSER, sspr.reset.error.unavailable",
        "sms_provider_unavailable, CODE, sspr.reset.error.sendFailed",
        "sms_timeout, CODE, sspr.reset.error.sendFailed",
        "sms_rate_limited, CODE, sspr.reset.error.sendFailed",
    })
    void aBackgroundFailureIsToldAtTheNextStep(String reason, GateView.Kind page, String message) {
        ports.outcome = new SendOutcome(SendOutcome.Status.SENT, null, 0, 3, 0);
        GateMachine machine = machine();
        assertEquals(GateView.Kind.CODE, machine.choose("sms").kind());
        ports.parked = reason;

        GateView view = machine.current(null);

        assertEquals(page, view.kind());
        assertEquals(message, view.message().key());
        assertTrue(ports.steps.contains("send-failed:" + reason), ports.steps.toString());
    }

    private static final class FakePorts implements GatePorts {
        SendOutcome outcome;
        String parked;
        final List<String> steps = new ArrayList<>();

        @Override
        public Decision checkGate(Method method) {
            return new Decision(true, null, 0, 5);
        }

        @Override
        public Decision beginAttempt(Method method) {
            return new Decision(true, null, 0, 4);
        }

        @Override
        public Decision attemptFailed(Method method) {
            return new Decision(true, null, 0, 4);
        }

        @Override
        public void attemptUndone(Method method) {}

        @Override
        public SendOutcome send(Method method, boolean deliver) {
            return outcome;
        }

        @Override
        public Optional<String> takeSendFailure(Method method) {
            Optional<String> failure = Optional.ofNullable(parked);
            parked = null;
            return failure;
        }

        @Override
        public VerifyResult verifyCode(Method method, String input) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean factorValid(Method method, String input) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int recoveryCodesLeft() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int triesLeft(Method method) {
            return 3;
        }

        @Override
        public boolean phoneMatches(Method method, String typed) {
            return true;
        }

        @Override
        public Optional<List<String>> drawQuestions() {
            return Optional.empty();
        }

        @Override
        public boolean answersRight(List<String> asked, Map<String, String> answers) {
            return false;
        }

        @Override
        public void burnAnswerCheck(Map<String, String> answers) {}

        @Override
        public void step(String step, String error, String reason) {
            steps.add(step + ":" + reason);
        }

        @Override
        public void outcome(String outcome, String step, String error, String reason) {}
    }
}
