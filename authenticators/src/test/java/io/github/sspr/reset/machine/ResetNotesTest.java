package io.github.sspr.reset.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.flow.MapNoteStore;
import io.github.sspr.policy.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reset flow's state as read back from its notes, including notes that are missing or corrupt. */
class ResetNotesTest {

    private static ResetNotes with(String... nameValues) {
        MapNoteStore store = new MapNoteStore();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            store.with(nameValues[i], nameValues[i + 1]);
        }
        return new ResetNotes(store);
    }

    static Stream<Arguments> gates() {
        return Stream.of(
                Arguments.of(null, 2, "a missing note asks for two"),
                Arguments.of("", 2, "an empty note asks for two"),
                Arguments.of("two", 2, "a corrupt note asks for two"),
                Arguments.of(" 1", 2, "a padded number is corrupt: two"),
                Arguments.of("1.5", 2, "not an integer: two"),
                Arguments.of("99999999999", 2, "out of int range: two"),
                Arguments.of("1", 1, "one"),
                Arguments.of("2", 2, "two"),
                Arguments.of("3", 3, "more is kept"),
                // A number below one is not missing or corrupt text: it reads as the smallest count, one gate.
                Arguments.of("0", 2, "zero is corrupt: asks for more"),
                Arguments.of("-2", 2, "negative is corrupt: asks for more"));
    }

    @ParameterizedTest(name = "gates note {0} -> {1} ({2})")
    @MethodSource("gates")
    void gatesRequired(String note, int gates, String why) {
        ResetNotes notes = note == null ? with() : with(ResetNotes.GATES, note);
        assertEquals(gates, notes.gatesRequired(), why);
    }

    static Stream<Arguments> passed() {
        return Stream.of(
                Arguments.of(null, List.of()),
                Arguments.of("", List.of()),
                Arguments.of("  ", List.of()),
                Arguments.of("email", List.of(Method.EMAIL)),
                Arguments.of("sms,email", List.of(Method.SMS, Method.EMAIL)),
                Arguments.of("email,fax,questions", List.of(Method.EMAIL, Method.QUESTIONS)),
                Arguments.of("EMAIL, sms ", List.of(Method.EMAIL, Method.SMS)),
                Arguments.of("fax", List.of()));
    }

    @ParameterizedTest(name = "passed note {0} -> {1}")
    @MethodSource("passed")
    void passedMethodsUnknownIdsDropped(String note, List<Method> methods) {
        ResetNotes notes = note == null ? with() : with(ResetNotes.PASSED, note);
        assertEquals(methods, notes.passed());
    }

    static Stream<Arguments> done() {
        return Stream.of(
                Arguments.of("1", "email", true),
                Arguments.of("1", null, false),
                Arguments.of(null, "email", false),
                Arguments.of("corrupt", "email", false),
                Arguments.of("2", "email", false),
                Arguments.of("2", "email,fax", false),
                Arguments.of("2", "email,sms", true),
                Arguments.of(null, "email,sms", true));
    }

    @ParameterizedTest(name = "gates {0}, passed {1} -> done {2}")
    @MethodSource("done")
    void gatesDoneNeverWithFewerGatesThanAsked(String gates, String passed, boolean done) {
        MapNoteStore store = new MapNoteStore();
        if (gates != null) {
            store.with(ResetNotes.GATES, gates);
        }
        if (passed != null) {
            store.with(ResetNotes.PASSED, passed);
        }
        assertEquals(done, new ResetNotes(store).gatesDone());
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of(Map.of(), Optional.empty(), List.of(), "identified", "", "reset", false),
                Arguments.of(
                        Map.of(ResetNotes.METHOD, "sms", ResetNotes.STEP, "code-sms"),
                        Optional.of(Method.SMS),
                        List.of(),
                        "code-sms",
                        "sms",
                        "reset",
                        false),
                Arguments.of(
                        Map.of(ResetNotes.METHOD, "fax", ResetNotes.MODE, "unlock"),
                        Optional.empty(),
                        List.of(),
                        "identified",
                        "",
                        "unlock",
                        true),
                Arguments.of(
                        Map.of(ResetNotes.PASSED, "email", ResetNotes.METHOD, "sms", ResetNotes.MODE, "UNLOCK"),
                        Optional.of(Method.SMS),
                        List.of(),
                        "identified",
                        "email,sms",
                        "reset",
                        false),
                Arguments.of(
                        Map.of(ResetNotes.PASSED, "email", ResetNotes.METHOD, "email"),
                        Optional.of(Method.EMAIL),
                        List.of(),
                        "identified",
                        "email",
                        "reset",
                        false),
                Arguments.of(
                        Map.of(ResetNotes.METHOD, "questions", ResetNotes.ASKED, "pet,city,school"),
                        Optional.of(Method.QUESTIONS),
                        List.of("pet", "city", "school"),
                        "identified",
                        "questions",
                        "reset",
                        false),
                Arguments.of(
                        Map.of(ResetNotes.ASKED, " ", ResetNotes.MODE, "reset"),
                        Optional.empty(),
                        List.of(),
                        "identified",
                        "",
                        "reset",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void readsTheFlowState(
            Map<String, String> values,
            Optional<Method> method,
            List<String> asked,
            String reached,
            String methodsDetail,
            String mode,
            boolean unlock) {
        MapNoteStore store = new MapNoteStore();
        values.forEach(store::with);
        ResetNotes notes = new ResetNotes(store);
        assertEquals(method, notes.currentMethod(), "current method");
        assertEquals(asked, notes.asked(), "asked");
        assertEquals(reached, notes.stepReached(), "step reached");
        assertEquals(methodsDetail, notes.methodsDetail(), "methods detail");
        assertEquals(mode, notes.mode(), "mode");
        assertEquals(unlock, notes.unlockMode(), "unlock mode");
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                // mode note -> mode, unlock, lost authenticator, the step after the gates
                Arguments.of(null, "reset", false, false, "new-password"),
                Arguments.of("reset", "reset", false, false, "new-password"),
                Arguments.of("unlock", "unlock", true, false, "unlock"),
                Arguments.of("factor", "factor", false, true, "pick-factor"),
                // A corrupt note is an ordinary reset: it asks for a new password, never removes anything.
                Arguments.of("FACTOR", "reset", false, false, "new-password"),
                Arguments.of("lost", "reset", false, false, "new-password"));
    }

    @ParameterizedTest(name = "mode note {0} -> {1}, after the gates {4}")
    @MethodSource("modes")
    void readsTheMode(String note, String mode, boolean unlock, boolean factor, String afterGates) {
        ResetNotes notes = note == null ? with() : with(ResetNotes.MODE, note);
        assertEquals(mode, notes.mode());
        assertEquals(unlock, notes.unlockMode());
        assertEquals(factor, notes.factorMode());
        assertEquals(afterGates, notes.stepAfterGates());
    }

    @Test
    void identityAndDecoy() {
        ResetNotes nobody = with();
        assertFalse(nobody.identified());
        assertFalse(nobody.isDecoy());
        assertEquals("", nobody.username());

        ResetNotes decoy =
                with(ResetNotes.SUBJECT, "decoy-ab", ResetNotes.DECOY, "unknown", ResetNotes.USERNAME, "eve");
        assertTrue(decoy.identified());
        assertTrue(decoy.isDecoy());
        assertEquals("decoy-ab", decoy.subject());
        assertEquals("unknown", decoy.decoyCause());
        assertEquals("eve", decoy.username());
    }

    @Test
    void markPassedKeepsOrderAndNeverCountsAMethodTwice() {
        ResetNotes notes = with(ResetNotes.GATES, "2");
        notes.markPassed(Method.SMS);
        notes.markPassed(Method.SMS);
        assertEquals("sms", notes.get(ResetNotes.PASSED));
        assertFalse(notes.gatesDone(), "the same method twice is one gate");
        notes.markPassed(Method.EMAIL);
        assertEquals("sms,email", notes.get(ResetNotes.PASSED));
        assertTrue(notes.gatesDone());
    }

    @Test
    void setNullRemovesTheNote() {
        MapNoteStore store = new MapNoteStore().with(ResetNotes.METHOD, "sms");
        new ResetNotes(store).set(ResetNotes.METHOD, null);
        assertNull(store.get(ResetNotes.METHOD));
    }

    @Test
    void leaveGateForgetsTheGateInHandOnly() {
        MapNoteStore store = new MapNoteStore()
                .with(ResetNotes.METHOD, "questions")
                .with(ResetNotes.ASKED, "a,b,c")
                .with(ResetNotes.PHONE_CONFIRMED, "1")
                .with(ResetNotes.PASSED, "email")
                .with(ResetNotes.STEP, "gate-questions")
                .with(ResetNotes.SUBJECT, "u");
        new ResetNotes(store).leaveGate();
        assertEquals(
                Map.of(ResetNotes.PASSED, "email", ResetNotes.STEP, "gate-questions", ResetNotes.SUBJECT, "u"),
                store.snapshot());
    }

    @Test
    void clearForgetsTheWholeFlowSoThatAReplayedFormFindsNothing() {
        MapNoteStore store = new MapNoteStore();
        for (String note : List.of(
                ResetNotes.SUBJECT,
                ResetNotes.USER_ID,
                ResetNotes.USERNAME,
                ResetNotes.DECOY,
                ResetNotes.MODE,
                ResetNotes.GATES,
                ResetNotes.PASSED,
                ResetNotes.METHOD,
                ResetNotes.ASKED,
                ResetNotes.PHONE_CONFIRMED,
                ResetNotes.PASSWORD_SET,
                ResetNotes.FACTOR_REMOVED,
                ResetNotes.STEP,
                ResetNotes.OFFERED + 0,
                ResetNotes.OFFERED + 1,
                ResetNotes.OFFERED + 2,
                ResetNotes.FLOW)) {
            store.with(note, "x");
        }
        store.with("sspr.other.flow", "kept");
        ResetNotes notes = new ResetNotes(store);
        notes.clear();
        assertEquals(Map.of("sspr.other.flow", "kept"), store.snapshot());
        assertFalse(notes.identified());
        assertEquals(2, notes.gatesRequired(), "a cleared flow asks for more gates, not fewer");
        assertEquals(List.of(), notes.passed());
        assertEquals("identified", notes.stepReached());
    }
}
