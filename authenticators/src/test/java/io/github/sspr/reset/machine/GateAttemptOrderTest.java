package io.github.sspr.reset.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.flow.MapNoteStore;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Count first, compare, then fail or undo: the order that makes a gate's cap hold across cluster nodes
 * (docs/cluster.md). Every comparison is preceded by a counted attempt and followed by exactly one end.
 */
class GateAttemptOrderTest {

    private final MapNoteStore store =
            new MapNoteStore().with(ResetNotes.SUBJECT, "user-1").with(ResetNotes.GATES, "1");
    private final ResetNotes notes = new ResetNotes(store);
    private final FakeGatePorts ports = new FakeGatePorts().watching(notes);
    private final Map<Method, String> available = new EnumMap<>(GateCase.MASKS);

    private GateMachine request() {
        return new GateMachine(notes, available, false, ports);
    }

    static Stream<Arguments> codes() {
        return Stream.of(
                Arguments.of(VerifyResult.VALID, "attemptUndone:email"),
                Arguments.of(VerifyResult.WRONG, "attemptFailed:email"),
                Arguments.of(VerifyResult.EXPIRED, "attemptUndone:email"),
                Arguments.of(VerifyResult.TOO_MANY_TRIES, "attemptUndone:email"),
                Arguments.of(VerifyResult.NO_CODE, "attemptUndone:email"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("codes")
    void aCodeIsCountedBeforeItIsComparedAndEndedOnce(VerifyResult result, String end) {
        request().choose("email");
        ports.calls.clear();
        ports.verifyResult = result;

        request().verify("12345678");

        assertEquals(
                List.of("beginAttempt:email", "verifyCode:email:12345678", end),
                ports.calls.stream()
                        .filter(c ->
                                c.startsWith("beginAttempt") || c.startsWith("verifyCode") || c.startsWith("attempt"))
                        .toList());
    }

    @ParameterizedTest(name = "phone matches: {0}")
    @MethodSource("phones")
    void aTypedNumberIsCountedBeforeItIsCompared(boolean matches, String end) {
        GateMachine machine = new GateMachine(notes, available, true, ports);
        machine.choose("sms");
        ports.calls.clear();
        ports.phoneMatches = matches;

        new GateMachine(notes, available, true, ports).confirmPhone("+14155550142");

        assertEquals(
                List.of("beginAttempt:sms", "phoneMatches:sms:+14155550142", end),
                ports.calls.stream()
                        .filter(c ->
                                c.startsWith("beginAttempt") || c.startsWith("phoneMatches") || c.startsWith("attempt"))
                        .toList());
    }

    static Stream<Arguments> phones() {
        return Stream.of(Arguments.of(true, "attemptUndone:sms"), Arguments.of(false, "attemptFailed:sms"));
    }

    @ParameterizedTest(name = "answers right: {0}")
    @MethodSource("answers")
    void answersAreCountedBeforeTheyAreCompared(boolean right, String end) {
        // On the questions gate, with three questions asked.
        store.with(ResetNotes.METHOD, Method.QUESTIONS.id()).with(ResetNotes.ASKED, "q1,q2,q3");
        ports.answersRight = right;

        request().answer(Map.of("q1", "a", "q2", "b", "q3", "c"));

        assertEquals(
                List.of("beginAttempt:questions", "answersRight:q1,q2,q3", end),
                ports.calls.stream()
                        .filter(c ->
                                c.startsWith("beginAttempt") || c.startsWith("answersRight") || c.startsWith("attempt"))
                        .toList());
    }

    static Stream<Arguments> answers() {
        return Stream.of(Arguments.of(true, "attemptUndone:questions"), Arguments.of(false, "attemptFailed:questions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codes")
    void aRefusedAttemptComparesNothing(VerifyResult result, String ignored) {
        request().choose("email");
        ports.calls.clear();
        ports.verifyResult = result;
        ports.gates.put(Method.EMAIL, FakeGatePorts.blockedFor(60));

        request().verify("12345678");

        assertEquals(
                List.of("beginAttempt:email"),
                ports.calls.stream()
                        .filter(c ->
                                c.startsWith("beginAttempt") || c.startsWith("verifyCode") || c.startsWith("attempt"))
                        .toList());
    }
}
