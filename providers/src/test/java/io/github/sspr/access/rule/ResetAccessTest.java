package io.github.sspr.access.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.access.rule.ResetAccess.Facts;
import io.github.sspr.access.rule.ResetAccess.Need;
import io.github.sspr.access.rule.ResetAccess.Reason;
import io.github.sspr.policy.Enablement;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy-for-user rule, one row per kind of user and policy. */
class ResetAccessTest {

    private static final long DAY = 24L * 60 * 60 * 1000;
    private static final long T0 = 1_790_000_000_000L;

    static final SsprPolicy ONE_GATE = SsprPolicy.defaults(); // email, sms, voice; 1 gate; 180 days
    static final SsprPolicy TWO_GATES = SsprPolicy.builder()
            .methods(EnumSet.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS, Method.OTP))
            .gatesRequired(2)
            .reconfirmDays(30)
            .build();
    static final SsprPolicy US_ONLY =
            ONE_GATE.toBuilder().phoneCountries(Set.of("US")).build();
    static final SsprPolicy OPTIONAL =
            ONE_GATE.toBuilder().requireRegistration(false).build();
    static final SsprPolicy EMAIL_ONLY =
            ONE_GATE.toBuilder().methods(EnumSet.of(Method.EMAIL)).build();
    static final SsprPolicy FACTORS = ONE_GATE.toBuilder()
            .methods(EnumSet.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.OTP, Method.RECOVERY_CODES))
            .build();
    static final SsprPolicy PASSKEYS = ONE_GATE.toBuilder()
            .methods(EnumSet.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.PASSKEY, Method.OTP))
            .build();
    static final SsprPolicy PASSKEY_FOR_ADMINS =
            PASSKEYS.toBuilder().privilegedPasskey(true).build();
    static final SsprPolicy OFF =
            ONE_GATE.toBuilder().enablement(Enablement.OFF).build();

    private static Map<Method, Long> held(String kinds) {
        Map<Method, Long> held = new EnumMap<>(Method.class);
        for (String kind : kinds.isEmpty() ? new String[0] : kinds.split(",")) {
            switch (kind) {
                case "email" -> held.put(Method.EMAIL, T0);
                case "phone" -> {
                    held.put(Method.SMS, T0);
                    held.put(Method.VOICE, T0);
                }
                case "questions" -> held.put(Method.QUESTIONS, T0);
                case "otp" -> held.put(Method.OTP, T0);
                case "codes" -> held.put(Method.RECOVERY_CODES, T0);
                case "passkey" -> held.put(Method.PASSKEY, T0);
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return held;
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // policy, enabled, privileged, registered, phone region -> reason, usable methods, gates, need
                Arguments.of(ONE_GATE, true, false, "", null, Reason.NO_METHOD, "", 1, Need.REGISTER),
                Arguments.of(ONE_GATE, true, false, "email", null, Reason.READY, "email", 1, Need.NONE),
                Arguments.of(ONE_GATE, true, false, "phone", "US", Reason.READY, "sms,voice", 1, Need.NONE),
                Arguments.of(ONE_GATE, true, false, "questions", null, Reason.METHODS_BLOCKED, "", 1, Need.REGISTER),
                Arguments.of(
                        TWO_GATES, true, false, "phone", "US", Reason.TOO_FEW_FACTORS, "sms,voice", 2, Need.REGISTER),
                Arguments.of(
                        TWO_GATES,
                        true,
                        false,
                        "questions",
                        null,
                        Reason.TOO_FEW_FACTORS,
                        "questions",
                        2,
                        Need.REGISTER),
                Arguments.of(
                        TWO_GATES,
                        true,
                        false,
                        "phone,questions",
                        "US",
                        Reason.READY,
                        "sms,voice,questions",
                        2,
                        Need.NONE),
                Arguments.of(
                        TWO_GATES, true, false, "email,phone", "US", Reason.READY, "email,sms,voice", 2, Need.NONE),
                // privileged: two gates, never questions
                Arguments.of(ONE_GATE, true, true, "email", null, Reason.PRIVILEGED_TOO_FEW, "email", 2, Need.REGISTER),
                Arguments.of(
                        TWO_GATES,
                        true,
                        true,
                        "email,questions",
                        null,
                        Reason.PRIVILEGED_TOO_FEW,
                        "email",
                        2,
                        Need.REGISTER),
                Arguments.of(ONE_GATE, true, true, "email,phone", "DE", Reason.READY, "email,sms,voice", 2, Need.NONE),
                // a realm that allows only email: privileged users can never meet two gates, and are told so
                Arguments.of(
                        EMAIL_ONLY, true, true, "email", null, Reason.PRIVILEGED_TOO_FEW, "email", 2, Need.REGISTER),
                // a phone outside the allowed countries is not a way in
                Arguments.of(US_ONLY, true, false, "phone", "DE", Reason.METHODS_BLOCKED, "", 1, Need.REGISTER),
                Arguments.of(US_ONLY, true, false, "phone", "US", Reason.READY, "sms,voice", 1, Need.NONE),
                // switched off: nothing to register, nothing to reset with
                Arguments.of(OFF, false, false, "email", null, Reason.NOT_ENABLED, "email", 1, Need.NONE),
                Arguments.of(ONE_GATE, false, false, "", null, Reason.NOT_ENABLED, "", 1, Need.NONE),
                Arguments.of(OPTIONAL, true, false, "", null, Reason.NO_METHOD, "", 1, Need.NONE),
                // The user's own Keycloak factors: usable when held and allowed, each a factor of its own.
                Arguments.of(FACTORS, true, false, "otp", null, Reason.READY, "otp", 1, Need.NONE),
                Arguments.of(FACTORS, true, false, "codes", null, Reason.READY, "recovery-codes", 1, Need.NONE),
                Arguments.of(ONE_GATE, true, false, "otp,codes", null, Reason.NO_METHOD, "", 1, Need.REGISTER),
                Arguments.of(ONE_GATE, true, false, "email,otp", null, Reason.READY, "email", 1, Need.NONE),
                Arguments.of(FACTORS, true, true, "otp", null, Reason.PRIVILEGED_TOO_FEW, "otp", 2, Need.REGISTER),
                Arguments.of(FACTORS, true, true, "otp,codes", null, Reason.READY, "otp,recovery-codes", 2, Need.NONE),
                Arguments.of(FACTORS, true, true, "email,otp", null, Reason.READY, "email,otp", 2, Need.NONE),
                // A passkey: a factor of its own, usable when held and allowed.
                Arguments.of(PASSKEYS, true, false, "passkey", null, Reason.READY, "passkey", 1, Need.NONE),
                Arguments.of(ONE_GATE, true, false, "email,passkey", null, Reason.READY, "email", 1, Need.NONE),
                Arguments.of(
                        PASSKEYS, true, true, "passkey", null, Reason.PRIVILEGED_TOO_FEW, "passkey", 2, Need.REGISTER),
                Arguments.of(PASSKEYS, true, true, "email,passkey", null, Reason.READY, "email,passkey", 2, Need.NONE),
                // Privileged users must pass a passkey: without one they cannot reset, and are told what is missing.
                Arguments.of(
                        PASSKEY_FOR_ADMINS,
                        true,
                        true,
                        "email,otp",
                        null,
                        Reason.PRIVILEGED_NO_PASSKEY,
                        "email,otp",
                        2,
                        Need.REGISTER),
                Arguments.of(
                        PASSKEY_FOR_ADMINS,
                        true,
                        true,
                        "email",
                        null,
                        Reason.PRIVILEGED_NO_PASSKEY,
                        "email",
                        2,
                        Need.REGISTER),
                Arguments.of(PASSKEY_FOR_ADMINS, true, true, "", null, Reason.NO_METHOD, "", 2, Need.REGISTER),
                Arguments.of(
                        PASSKEY_FOR_ADMINS,
                        true,
                        true,
                        "passkey",
                        null,
                        Reason.PRIVILEGED_TOO_FEW,
                        "passkey",
                        2,
                        Need.REGISTER),
                Arguments.of(
                        PASSKEY_FOR_ADMINS,
                        true,
                        true,
                        "email,passkey",
                        null,
                        Reason.READY,
                        "email,passkey",
                        2,
                        Need.NONE),
                // ... ordinary users are not asked for one.
                Arguments.of(PASSKEY_FOR_ADMINS, true, false, "email", null, Reason.READY, "email", 1, Need.NONE));
    }

    @ParameterizedTest(name = "[{index}] {3} under {0}, enabled={1}, privileged={2} -> {5}")
    @MethodSource("rows")
    void decides(
            SsprPolicy policy,
            boolean enabled,
            boolean privileged,
            String registered,
            String region,
            Reason reason,
            String usable,
            int gates,
            Need need) {
        ResetAccess access = ResetAccess.decide(policy, new Facts(enabled, privileged, held(registered), region));
        assertEquals(reason, access.reason());
        assertEquals(
                usable,
                String.join(",", access.methods().stream().map(Method::id).toList()));
        assertEquals(gates, access.gatesRequired());
        assertEquals(need, access.need(T0));
        assertEquals(reason == Reason.READY, access.canReset());
        assertEquals(
                privileged && policy.privilegedPasskey() ? Method.PASSKEY : null,
                access.mustPass(),
                "the gate a privileged user must pass");
    }

    static final SsprPolicy ALL_METHODS = ONE_GATE.toBuilder()
            .methods(EnumSet.allOf(Method.class))
            .gatesRequired(2)
            .build();
    static final SsprPolicy RECOVER_WITH_ONE =
            FACTORS.toBuilder().factorResetGates(1).build();

    static Stream<Arguments> factorResetRows() {
        return Stream.of(
                // policy, enabled, privileged, registered, phone region -> reason, gates usable, gates asked
                // The default asks two: email and a phone.
                Arguments.of(FACTORS, true, false, "email,phone,otp", "US", Reason.READY, "email,sms,voice", 2),
                Arguments.of(FACTORS, true, false, "email,otp", null, Reason.TOO_FEW_FACTORS, "email", 2),
                // The authenticator-type factors never count: any of them may be the lost one.
                Arguments.of(FACTORS, true, false, "otp,codes", null, Reason.NO_METHOD, "", 2),
                Arguments.of(FACTORS, true, false, "email,otp,codes", null, Reason.TOO_FEW_FACTORS, "email", 2),
                // Questions are knowledge: never a gate of the recovery, even where the reset allows them.
                Arguments.of(ALL_METHODS, true, false, "email,questions", null, Reason.TOO_FEW_FACTORS, "email", 2),
                Arguments.of(ALL_METHODS, true, false, "questions,otp", null, Reason.METHODS_BLOCKED, "", 2),
                // One gate when the policy says so ...
                Arguments.of(RECOVER_WITH_ONE, true, false, "email,otp", null, Reason.READY, "email", 1),
                Arguments.of(RECOVER_WITH_ONE, true, false, "phone", "US", Reason.READY, "sms,voice", 1),
                // ... but never fewer than the reset's own gates (privileged users: 2).
                Arguments.of(RECOVER_WITH_ONE, true, true, "email,otp", null, Reason.PRIVILEGED_TOO_FEW, "email", 2),
                Arguments.of(
                        RECOVER_WITH_ONE.toBuilder().gatesRequired(2).build(),
                        true,
                        false,
                        "email,codes",
                        null,
                        Reason.TOO_FEW_FACTORS,
                        "email",
                        2),
                // A phone outside the policy's countries is not usable here either.
                Arguments.of(
                        FACTORS.toBuilder().phoneCountries(Set.of("DE")).build(),
                        true,
                        false,
                        "email,phone,otp",
                        "US",
                        Reason.TOO_FEW_FACTORS,
                        "email",
                        2),
                Arguments.of(FACTORS, false, false, "email,phone", "US", Reason.NOT_ENABLED, "email,sms,voice", 2));
    }

    @ParameterizedTest(name = "[{index}] lost authenticator: {3} under {0}, privileged={2} -> {5}")
    @MethodSource("factorResetRows")
    void decidesTheLostAuthenticatorRecovery(
            SsprPolicy policy,
            boolean enabled,
            boolean privileged,
            String registered,
            String region,
            Reason reason,
            String usable,
            int gates) {
        ResetAccess access = ResetAccess.decide(policy, new Facts(enabled, privileged, held(registered), region))
                .factorReset();
        assertEquals(reason, access.reason());
        assertEquals(
                usable,
                String.join(",", access.methods().stream().map(Method::id).toList()));
        assertEquals(gates, access.gatesRequired());
        assertEquals(reason == Reason.READY, access.canReset());
        // The recovery's policy offers no knowledge and no authenticator-type gate at all.
        assertEquals(
                List.of(),
                access.policy().methods().stream()
                        .filter(m -> !Gates.factorResetGate(m))
                        .toList());
    }

    static Stream<Arguments> reconfirmation() {
        return Stream.of(
                Arguments.of(Map.of(Method.EMAIL, T0, Method.QUESTIONS, T0), T0 + 30 * DAY - 1, Need.NONE),
                Arguments.of(Map.of(Method.EMAIL, T0, Method.QUESTIONS, T0), T0 + 30 * DAY, Need.RECONFIRM),
                Arguments.of(Map.of(Method.EMAIL, T0 + 20 * DAY, Method.QUESTIONS, T0), T0 + 30 * DAY, Need.RECONFIRM),
                Arguments.of(
                        Map.of(Method.EMAIL, T0 + 20 * DAY, Method.QUESTIONS, T0 + 20 * DAY), T0 + 30 * DAY, Need.NONE),
                // Keycloak's own factors are never re-confirmed here, however old.
                Arguments.of(Map.of(Method.EMAIL, T0 + 20 * DAY, Method.OTP, 0L), T0 + 30 * DAY, Need.NONE),
                Arguments.of(Map.of(Method.EMAIL, T0, Method.OTP, T0 + 20 * DAY), T0 + 30 * DAY, Need.RECONFIRM));
    }

    @ParameterizedTest(name = "[{index}] confirmed {0}, now {1} -> {2}")
    @MethodSource("reconfirmation")
    void reconfirmationIsDueExactlyNDaysAfterTheOldestUsableMethod(Map<Method, Long> held, long now, Need need) {
        ResetAccess access = ResetAccess.decide(TWO_GATES, new Facts(true, false, held, null));
        assertEquals(need, access.need(now));
    }

    @ParameterizedTest(name = "[{index}] reconfirmDays=0 never asks")
    @MethodSource("neverRows")
    void reconfirmationOffMeansNever(long now) {
        SsprPolicy never = ONE_GATE.toBuilder().reconfirmDays(0).build();
        ResetAccess access = ResetAccess.decide(never, new Facts(true, false, Map.of(Method.EMAIL, 0L), null));
        assertEquals(Need.NONE, access.need(now));
    }

    static List<Long> neverRows() {
        return List.of(T0, T0 + 3650 * DAY);
    }
}
