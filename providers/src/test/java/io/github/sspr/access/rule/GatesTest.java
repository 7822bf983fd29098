package io.github.sspr.access.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.policy.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatesTest {

    private static List<Method> methods(String ids) {
        List<Method> methods = new ArrayList<>();
        for (String id : ids.isEmpty() ? new String[0] : ids.split(",")) {
            methods.add(Method.fromId(id).orElseThrow());
        }
        return methods;
    }

    static Stream<Arguments> offers() {
        return Stream.of(
                // available, passed, gates -> offered
                Arguments.of("email,questions", "", 1, "email"),
                Arguments.of("email,sms,voice,questions", "", 2, "email,sms,voice,questions"),
                Arguments.of("email,sms,voice,questions", "sms", 2, "email,questions"),
                Arguments.of("email,sms,voice,questions", "email", 2, "sms,voice,questions"),
                Arguments.of("questions", "", 2, ""),
                Arguments.of("sms,questions", "questions", 2, "sms"),
                Arguments.of("questions,email", "email", 2, "questions"),
                // The user's own Keycloak factors come first; each is a factor of its own.
                Arguments.of("email,sms,otp,recovery-codes", "", 1, "otp,recovery-codes,email,sms"),
                Arguments.of("email,otp,recovery-codes", "otp", 2, "recovery-codes,email"),
                Arguments.of("questions,otp", "", 2, "otp,questions"),
                Arguments.of("questions,otp", "otp", 2, "questions"),
                // A passkey is the first of the factors, and a factor of its own.
                Arguments.of("email,otp,passkey", "", 1, "passkey,otp,email"),
                Arguments.of("email,passkey", "passkey", 2, "email"),
                Arguments.of("passkey,otp", "otp", 2, "passkey"));
    }

    static Stream<Arguments> mustPass() {
        return Stream.of(
                // available, passed, gates, must pass -> offered
                Arguments.of("email,sms,passkey", "", 2, "passkey", "passkey,email,sms"),
                Arguments.of("email,sms,passkey", "email", 2, "passkey", "passkey"),
                Arguments.of("email,sms,passkey", "passkey", 2, "passkey", "email,sms"),
                Arguments.of("email,sms,otp,passkey", "otp", 2, "passkey", "passkey"),
                Arguments.of("email,sms,passkey", "", 1, "passkey", "passkey"),
                // not held: nothing can be offered for the last gate (the rule refused such a user already)
                Arguments.of("email,sms", "email", 2, "passkey", ""),
                Arguments.of("email,sms", "email", 2, "", "sms"));
    }

    @ParameterizedTest(name = "[{index}] {0} after [{1}] with {2} gate(s), must pass [{3}] -> [{4}]")
    @MethodSource("mustPass")
    void theLastGateOffersOnlyTheMethodThatMustBePassed(
            String available, String passed, int gates, String must, String offered) {
        assertEquals(
                methods(offered),
                Gates.offered(
                        methods(available),
                        methods(passed),
                        gates,
                        must.isEmpty() ? null : Method.fromId(must).orElseThrow()));
    }

    @ParameterizedTest(name = "[{index}] {0} after [{1}] with {2} gate(s) -> [{3}]")
    @MethodSource("offers")
    void offersAnotherFactorAndNeverQuestionsAlone(String available, String passed, int gates, String offered) {
        assertEquals(methods(offered), Gates.offered(methods(available), methods(passed), gates));
    }

    static Stream<Arguments> passes() {
        return Stream.of(
                Arguments.of("questions", 1, false),
                Arguments.of("questions", 2, false),
                Arguments.of("sms,voice", 2, false),
                Arguments.of("sms,voice", 1, true),
                Arguments.of("email,questions", 2, true),
                Arguments.of("email,questions", 1, true),
                Arguments.of("", 1, false),
                Arguments.of("otp", 1, true),
                Arguments.of("otp", 2, false),
                Arguments.of("otp,recovery-codes", 2, true),
                Arguments.of("questions,recovery-codes", 2, true),
                Arguments.of("passkey", 1, true),
                Arguments.of("passkey,otp", 2, true),
                Arguments.of("questions,passkey", 2, true));
    }

    @ParameterizedTest(name = "[{index}] {0} can pass {1} gate(s): {2}")
    @MethodSource("passes")
    void canPassNeedsDistinctFactorsAndSomethingBesidesKnowledge(String available, int gates, boolean canPass) {
        assertEquals(canPass, Gates.canPass(methods(available), gates));
    }

    static Stream<Arguments> factorResetGates() {
        return Stream.of(
                // method -> may be a gate of a lost-authenticator recovery
                Arguments.of(Method.EMAIL, true),
                Arguments.of(Method.SMS, true),
                Arguments.of(Method.VOICE, true),
                Arguments.of(Method.QUESTIONS, false),
                Arguments.of(Method.PASSKEY, false),
                Arguments.of(Method.OTP, false),
                Arguments.of(Method.RECOVERY_CODES, false));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("factorResetGates")
    void aLostAuthenticatorIsRecoveredOnlyThroughTheMailboxAndThePhone(Method method, boolean gate) {
        assertEquals(gate, Gates.factorResetGate(method));
    }

    @org.junit.jupiter.api.Test
    void everyMethodIsInTheFactorResetTable() {
        // A new method (a passkey, say) must be decided here, not fall through unnoticed.
        assertEquals(
                List.of(Method.values()),
                factorResetGates().map(a -> (Method) a.get()[0]).toList());
    }
}
