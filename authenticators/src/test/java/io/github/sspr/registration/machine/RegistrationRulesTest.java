package io.github.sspr.registration.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.flow.MapNoteStore;
import io.github.sspr.flow.Msg;
import io.github.sspr.policy.Enablement;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which kinds registration offers, when sign-in requires it, and the registration's notes and views. */
class RegistrationRulesTest {

    private static final long DAY = 24L * 60 * 60 * 1000;
    private static final long NOW = 1_790_000_000_000L;

    static Stream<Arguments> offered() {
        SsprPolicy withQuestions = RegistrationMachineTest.WITH_QUESTIONS;
        return Stream.of(
                Arguments.of("the defaults: email, SMS, voice", SsprPolicy.defaults(), kinds("phone", "email")),
                Arguments.of("email only", RegistrationMachineTest.EMAIL_ONLY, kinds("email")),
                Arguments.of("SMS only", RegistrationMachineTest.SMS_ONLY, kinds("phone")),
                Arguments.of("voice only", RegistrationMachineTest.VOICE_ONLY, kinds("phone")),
                Arguments.of("two gates with questions", withQuestions, kinds("phone", "email", "questions")),
                Arguments.of(
                        "privileged users never register questions",
                        io.github.sspr.access.rule.ResetAccess.effective(withQuestions, true),
                        kinds("phone", "email")),
                Arguments.of(
                        "email and questions",
                        RegistrationMachineTest.policy(2, Method.EMAIL, Method.QUESTIONS),
                        kinds("email", "questions")),
                Arguments.of(
                        "SSPR off, nothing allowed",
                        SsprPolicy.builder()
                                .enablement(Enablement.OFF)
                                .methods(List.of())
                                .build(),
                        kinds()));
    }

    private static Set<RecoveryCredential> kinds(String... ids) {
        Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
        for (String id : ids) {
            kinds.add(RecoveryCredential.ofId(id).orElseThrow());
        }
        return kinds;
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("offered")
    void kindsOfferedServeAnAllowedMethod(String name, SsprPolicy policy, Set<RecoveryCredential> kinds) {
        assertEquals(kinds, RegistrationMachine.offered(policy));
    }

    private static ResetAccess access(
            SsprPolicy policy, boolean enabled, boolean privileged, long confirmedAt, Method... held) {
        Map<Method, Long> methods = new EnumMap<>(Method.class);
        for (Method m : held) {
            methods.put(m, confirmedAt);
        }
        return ResetAccess.decide(policy, new ResetAccess.Facts(enabled, privileged, methods, "US"));
    }

    static Stream<Arguments> required() {
        SsprPolicy defaults = SsprPolicy.defaults();
        SsprPolicy optional = defaults.toBuilder().requireRegistration(false).build();
        SsprPolicy neverReconfirm = defaults.toBuilder().reconfirmDays(0).build();
        return Stream.of(
                Arguments.of("no method", access(defaults, true, false, NOW), true),
                Arguments.of("a method, confirmed today", access(defaults, true, false, NOW, Method.EMAIL), false),
                Arguments.of(
                        "confirmed 179 days ago", access(defaults, true, false, NOW - 179 * DAY, Method.EMAIL), false),
                Arguments.of(
                        "confirmed exactly 180 days ago",
                        access(defaults, true, false, NOW - 180 * DAY, Method.EMAIL),
                        true),
                Arguments.of("the oldest method counts", accessMixed(defaults, NOW - 200 * DAY, NOW), true),
                Arguments.of("re-confirmation off", access(neverReconfirm, true, false, 0, Method.EMAIL), false),
                Arguments.of("registration not required", access(optional, true, false, NOW), false),
                Arguments.of("SSPR off for the user", access(defaults, false, false, NOW), false),
                Arguments.of("privileged with one factor", access(defaults, true, true, NOW, Method.EMAIL), true),
                Arguments.of(
                        "privileged with two factors",
                        access(defaults, true, true, NOW, Method.EMAIL, Method.SMS),
                        false));
    }

    private static ResetAccess accessMixed(SsprPolicy policy, long emailAt, long phoneAt) {
        Map<Method, Long> methods = new EnumMap<>(Method.class);
        methods.put(Method.EMAIL, emailAt);
        methods.put(Method.SMS, phoneAt);
        return ResetAccess.decide(policy, new ResetAccess.Facts(true, false, methods, "US"));
    }

    @ParameterizedTest(name = "{0} -> required: {2}")
    @MethodSource("required")
    void signInRequiresRegistrationWhenTheRuleSaysSo(String name, ResetAccess access, boolean required) {
        assertEquals(required, RegistrationMachine.required(access, NOW));
    }

    @Test
    void notesReadBackWhatWasWrittenAndForgetIt() {
        MapNoteStore store = new MapNoteStore();
        RegistrationNotes notes = new RegistrationNotes(store);
        assertEquals(RegistrationMachine.STEP_OVERVIEW, notes.step());
        assertEquals(Optional.empty(), notes.pendingKind());

        notes.step(RegistrationMachine.STEP_CODE);
        notes.pending(RecoveryCredential.PHONE, "+16502530000", "voice");
        assertEquals(RegistrationMachine.STEP_CODE, notes.step());
        assertEquals(Optional.of(RecoveryCredential.PHONE), notes.pendingKind());
        assertEquals("+16502530000", notes.pendingDestination());
        assertEquals("voice", notes.pendingChannel());

        notes.clearPending();
        notes.clearStep();
        assertEquals(Map.of(), store.snapshot());
        assertEquals(RegistrationMachine.STEP_OVERVIEW, notes.step());
    }

    @Test
    void anUnknownPendingKindIsNothingPending() {
        MapNoteStore store = new MapNoteStore().with(RegistrationNotes.PENDING_KIND, "fax");
        assertEquals(Optional.empty(), new RegistrationNotes(store).pendingKind());
    }

    @Test
    void aViewKeepsItsOwnCopyOfMessagesAndForm() {
        Map<String, String> form = new HashMap<>(Map.of("phone", "12"));
        List<Msg> messages = new java.util.ArrayList<>(List.of(Msg.error("phone", "k")));
        RegView view = new RegView("phone", messages, form, false);
        form.put("email", "x");
        messages.clear();
        assertEquals(Map.of("phone", "12"), view.form());
        assertEquals(List.of(Msg.error("phone", "k")), view.messages());
        assertThrows(UnsupportedOperationException.class, () -> view.form().put("a", "b"));
        RegView finished = RegView.finish();
        assertTrue(finished.finished());
        assertEquals(RegistrationMachine.STEP_OVERVIEW, finished.step());
    }
}
