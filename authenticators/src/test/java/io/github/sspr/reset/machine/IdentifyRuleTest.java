package io.github.sspr.reset.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who walks the decoy path, and why (the cause goes into the event only; every page is the same). */
class IdentifyRuleTest {

    private static final SsprPolicy ONE_GATE = SsprPolicy.defaults();
    private static final SsprPolicy TWO_GATES = SsprPolicy.builder()
            .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS))
            .gatesRequired(2)
            .build();

    private static final SsprPolicy FACTORS = SsprPolicy.builder()
            .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.OTP, Method.RECOVERY_CODES))
            .build();

    private static ResetAccess access(SsprPolicy policy, boolean enabled, boolean privileged, Method... held) {
        Map<Method, Long> methods = new EnumMap<>(Method.class);
        for (Method m : held) {
            methods.put(m, 1L);
        }
        return ResetAccess.decide(policy, new ResetAccess.Facts(enabled, privileged, methods, "US"));
    }

    static Stream<Arguments> rows() {
        ResetAccess ready = access(ONE_GATE, true, false, Method.EMAIL);
        return Stream.of(
                Arguments.of("no account has the name", null, true, false, "unknown"),
                Arguments.of("no account, whatever else is said", null, false, true, "unknown"),
                Arguments.of(
                        "SSPR is off for the user",
                        access(ONE_GATE, false, false, Method.EMAIL),
                        true,
                        false,
                        "not-enabled"),
                Arguments.of(
                        "off for the user and disabled: not-enabled comes first",
                        access(ONE_GATE, false, false, Method.EMAIL),
                        false,
                        false,
                        "not-enabled"),
                Arguments.of("a disabled account that a reset cannot unlock", ready, false, false, "disabled"),
                Arguments.of(
                        "disabled and unregistered: disabled comes first",
                        access(ONE_GATE, true, false),
                        false,
                        false,
                        "disabled"),
                Arguments.of("a disabled account that a reset unlocks", ready, false, true, null),
                Arguments.of("unlockable but unregistered", access(ONE_GATE, true, false), false, true, "unregistered"),
                Arguments.of("no method at all", access(ONE_GATE, true, false), true, false, "unregistered"),
                Arguments.of(
                        "only the phone, in a two-gate realm",
                        access(TWO_GATES, true, false, Method.SMS, Method.VOICE),
                        true,
                        false,
                        "unregistered"),
                Arguments.of(
                        "questions only, in a two-gate realm",
                        access(TWO_GATES, true, false, Method.QUESTIONS),
                        true,
                        false,
                        "unregistered"),
                Arguments.of(
                        "privileged with one factor",
                        access(ONE_GATE, true, true, Method.EMAIL),
                        true,
                        false,
                        "unregistered"),
                Arguments.of(
                        "privileged with email and questions (questions never count for them)",
                        access(TWO_GATES, true, true, Method.EMAIL, Method.QUESTIONS),
                        true,
                        false,
                        "unregistered"),
                Arguments.of(
                        "privileged with email and phone",
                        access(ONE_GATE, true, true, Method.EMAIL, Method.SMS),
                        true,
                        false,
                        null),
                Arguments.of("a registered, enabled user", ready, true, false, null),
                Arguments.of(
                        "email and questions, in a two-gate realm",
                        access(TWO_GATES, true, false, Method.EMAIL, Method.QUESTIONS),
                        true,
                        false,
                        null),
                // A lost-authenticator recovery (docs/reset.md): two gates by default, email and phone only.
                Arguments.of(
                        "lost authenticator: email and phone",
                        access(FACTORS, true, false, Method.EMAIL, Method.SMS, Method.OTP)
                                .factorReset(),
                        true,
                        false,
                        null),
                Arguments.of(
                        "lost authenticator: email and the app (the app may be the lost one)",
                        access(FACTORS, true, false, Method.EMAIL, Method.OTP, Method.RECOVERY_CODES)
                                .factorReset(),
                        true,
                        false,
                        "unregistered"),
                Arguments.of(
                        "lost authenticator: email and questions (never knowledge)",
                        access(TWO_GATES, true, false, Method.EMAIL, Method.QUESTIONS)
                                .factorReset(),
                        true,
                        false,
                        "unregistered"),
                Arguments.of(
                        "lost authenticator, disabled",
                        access(FACTORS, true, false, Method.EMAIL, Method.SMS).factorReset(),
                        false,
                        false,
                        "disabled"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("rows")
    void decoyCause(String name, ResetAccess access, boolean accountEnabled, boolean unlockable, String cause) {
        assertEquals(cause, IdentifyRule.decoyCause(access, accountEnabled, unlockable));
    }
}
