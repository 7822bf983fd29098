package io.github.sspr.reset.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.sspr.flow.MapNoteStore;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole walks through the gates, one machine per request as in production, over the same notes. */
class GateMachineWalkTest {

    private final MapNoteStore store =
            new MapNoteStore().with(ResetNotes.SUBJECT, "user-1").with(ResetNotes.GATES, "2");
    private final ResetNotes notes = new ResetNotes(store);
    private final FakeGatePorts ports = new FakeGatePorts().watching(notes);
    private final Map<Method, String> available = new EnumMap<>(GateCase.MASKS);

    private GateMachine request() {
        return new GateMachine(notes, available, false, ports);
    }

    @Test
    void twoGatesEmailThenTextEachOfferedOnce() {
        GateView first = request().enter();
        assertEquals(GateView.Kind.CHOOSER, first.kind());
        request().enter(); // the page again (a reload): no second gate-offered event
        assertEquals(GateView.Kind.CODE, request().choose("email").kind());

        ports.verifyResult = VerifyResult.VALID;
        GateView second = request().verify("123456");
        assertEquals(Msg.info("sspr.reset.nextGate"), second.message());
        assertEquals(
                List.of(Method.SMS, Method.VOICE, Method.QUESTIONS),
                second.options().stream().map(GateView.Option::method).toList());
        request().current(null); // the chooser again: still one event for this gate

        assertEquals(GateView.Kind.CODE, request().choose("voice").kind());
        assertEquals(GateView.Kind.PASSED, request().verify("654321").kind());
        assertEquals(GateView.Kind.PASSED, request().enter().kind(), "entering again after both gates goes on");

        assertEquals(
                List.of(
                        "gate-offered|null|email,sms,voice,questions",
                        "gate-chosen",
                        "code-sent",
                        "gate-passed",
                        "gate-offered|null|sms,voice,questions",
                        "gate-chosen",
                        "code-sent",
                        "gate-passed"),
                ports.events);
        assertEquals(List.of(Method.EMAIL, Method.VOICE), notes.passed());
        assertEquals("email,voice", notes.methodsDetail());
        // The step reached is set before the gate-passed event, so a flow abandoned on the next page counts there.
        assertEquals("new-password", ports.reachedAtEvent.get(ports.reachedAtEvent.size() - 1));
        assertEquals("code-email", ports.reachedAtEvent.get(3), "the first gate-passed: still on its code step");
    }

    @Test
    void aFailedBackgroundSendIsReportedOnceThenTheCodePageIsQuiet() {
        request().choose("sms");
        ports.parkedFailures.put(Method.SMS, "sms_rejected");
        ports.events.clear();

        GateView reported = request().current(null);
        GateView after = request().current(null);

        assertEquals(Msg.error("code", "sspr.reset.error.sendFailed"), reported.message());
        assertNull(after.message());
        assertEquals(List.of("send-failed|sspr_send_failed|sms_rejected"), ports.events);
    }

    @Test
    void wrongAnswersDrawAFreshSetEachTime() {
        store.with(ResetNotes.METHOD, "questions").with(ResetNotes.ASKED, "a,b,c");
        ports.draws.add(List.of("d", "e", "f"));
        ports.draws.add(List.of("b", "f", "a"));

        request().answer(Map.of("a", "1", "b", "2", "c", "3"));
        assertEquals(List.of("d", "e", "f"), notes.asked());
        request().answer(Map.of("d", "1", "e", "2", "f", "3"));
        assertEquals(List.of("b", "f", "a"), notes.asked());

        assertEquals(List.of("answersRight:a,b,c", "answersRight:d,e,f"), ports.calls("answersRight"));
        assertEquals(List.of("attemptFailed:questions", "attemptFailed:questions"), ports.calls("attemptFailed"));
    }

    @Test
    void theChooserShowsEachMethodWithItsMaskAndTheMachineKeepsItsOwnCopyOfTheMethods() {
        GateMachine machine = request();
        available.remove(Method.EMAIL); // after the machine was made: it must not see this
        GateView chooser = machine.enter();
        assertEquals(
                List.of(
                        new GateView.Option(Method.EMAIL, "j***@example.com", 0),
                        new GateView.Option(Method.SMS, "+16*******00", 0),
                        new GateView.Option(Method.VOICE, "+16*******00", 0),
                        new GateView.Option(Method.QUESTIONS, "3", 0)),
                chooser.options());
    }

    @Test
    void theDecoyWalksTheSamePagesButNeverPasses() {
        store.with(ResetNotes.DECOY, "unregistered").with(ResetNotes.GATES, "1");
        ports.verifyResult = VerifyResult.VALID;
        ports.triesLeft = 4;

        assertEquals(GateView.Kind.CHOOSER, request().enter().kind());
        assertEquals(
                Msg.info("sspr.reset.codeSent.email", "j***@example.com"),
                request().choose("email").message());
        for (int i = 0; i < 3; i++) {
            GateView view = request().verify("123456");
            assertEquals(GateView.Kind.CODE, view.kind());
            assertEquals(Msg.error("code", "sspr.reset.error.codeWrong", 4), view.message());
        }
        assertEquals(List.of(), notes.passed());
        assertEquals(3, ports.calls("attemptFailed").size());
    }
}
