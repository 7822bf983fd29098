package io.github.sspr.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.access.rule.Gates;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.activity.Readiness;
import io.github.sspr.policy.Enablement;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.registration.machine.RegistrationMachine;
import io.github.sspr.reset.machine.IdentifyRule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readiness report, the reset flow (who walks the real path, and what its first gate offers) and the registration
 * requirement give the same answer for the same user: they all read the one policy-for-user rule. Each row is a kind of
 * user the dashboard once counted as ready while the reset flow sent them down the decoy path.
 */
class AgreementTest {

    private static final long NOW = 1_790_000_000_000L;

    private static final SsprPolicy GROUP_ONLY = SsprPolicy.defaults().toBuilder()
            .enablement(Enablement.GROUP)
            .enabledGroup("/staff")
            .build();

    /**
     * A user as Keycloak holds them.
     *
     * @param accountEmailVerified the account's own email is verified (it is not a recovery method)
     */
    record User(
            String name,
            boolean inGroup,
            boolean privileged,
            boolean accountEmailVerified,
            boolean recoveryEmail,
            boolean phone,
            boolean questions,
            List<Method> keycloakFactors) {

        User(
                String name,
                boolean inGroup,
                boolean privileged,
                boolean accountEmailVerified,
                boolean recoveryEmail,
                boolean phone,
                boolean questions) {
            this(name, inGroup, privileged, accountEmailVerified, recoveryEmail, phone, questions, List.of());
        }

        /** A user holding only their own Keycloak factors (authenticator app, recovery codes). */
        static User withFactors(String name, boolean privileged, boolean questions, Method... factors) {
            return new User(name, true, privileged, true, false, false, questions, List.of(factors));
        }

        ResetAccess access(SsprPolicy policy) {
            Map<Method, Long> held = new EnumMap<>(Method.class);
            if (recoveryEmail) {
                held.put(Method.EMAIL, NOW);
            }
            if (phone) {
                held.put(Method.SMS, NOW);
                held.put(Method.VOICE, NOW);
            }
            if (questions) {
                held.put(Method.QUESTIONS, NOW);
            }
            keycloakFactors.forEach(m -> held.put(m, NOW));
            boolean enabled = policy.isEnabledFor(group -> inGroup);
            return ResetAccess.decide(policy, new ResetAccess.Facts(enabled, privileged, held, "US"));
        }
    }

    static Stream<Arguments> users() {
        SsprPolicy oneGate = SsprPolicy.defaults();
        SsprPolicy twoGates = SsprPolicy.builder()
                .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS))
                .gatesRequired(2)
                .build();
        SsprPolicy factors = oneGate.toBuilder()
                .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.OTP, Method.RECOVERY_CODES))
                .build();
        SsprPolicy factorsTwoGates = twoGates.toBuilder()
                .methods(List.of(Method.EMAIL, Method.QUESTIONS, Method.OTP, Method.RECOVERY_CODES))
                .build();
        SsprPolicy passkeyForAdmins = oneGate.toBuilder()
                .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.OTP, Method.PASSKEY))
                .privilegedPasskey(true)
                .build();
        // The not-ready list's "methods blocked": a US phone under a policy that allows only Canadian numbers.
        SsprPolicy canadaOnly =
                oneGate.toBuilder().phoneCountries(java.util.Set.of("CA")).build();
        return Stream.of(
                // Privileged users must pass a passkey: the report, the reset and registration agree on who cannot.
                Arguments.of(
                        passkeyForAdmins,
                        User.withFactors("privileged, app + passkey", true, false, Method.OTP, Method.PASSKEY),
                        true),
                Arguments.of(
                        passkeyForAdmins,
                        User.withFactors("privileged, app, no passkey", true, false, Method.OTP),
                        false),
                Arguments.of(
                        passkeyForAdmins,
                        User.withFactors("ordinary, passkey only", false, false, Method.PASSKEY),
                        true),
                Arguments.of(factors, User.withFactors("authenticator app only", false, false, Method.OTP), true),
                Arguments.of(
                        factors, User.withFactors("recovery codes only", false, false, Method.RECOVERY_CODES), true),
                Arguments.of(
                        oneGate,
                        User.withFactors("authenticator app, policy without it", false, false, Method.OTP),
                        false),
                Arguments.of(factors, User.withFactors("privileged, app only", true, false, Method.OTP), false),
                Arguments.of(
                        factors,
                        User.withFactors(
                                "privileged, app + recovery codes", true, false, Method.OTP, Method.RECOVERY_CODES),
                        true),
                Arguments.of(
                        factorsTwoGates, User.withFactors("app + questions, 2 gates", false, true, Method.OTP), true),
                Arguments.of(
                        factorsTwoGates,
                        User.withFactors("privileged, app + questions", true, true, Method.OTP),
                        false),
                Arguments.of(
                        canadaOnly,
                        new User("phone outside the allowed countries", true, false, false, false, true, false),
                        false),
                Arguments.of(canadaOnly, new User("email, phone outside", true, false, false, true, true, false), true),
                Arguments.of(oneGate, new User("no method", true, false, false, false, false, false), false),
                Arguments.of(oneGate, new User("account email only", true, false, true, false, false, false), false),
                Arguments.of(oneGate, new User("recovery email only", true, false, true, true, false, false), true),
                Arguments.of(oneGate, new User("phone only", true, false, false, false, true, false), true),
                Arguments.of(oneGate, new User("questions only", true, false, false, false, false, true), false),
                Arguments.of(
                        twoGates, new User("questions only, 2 gates", true, false, true, false, false, true), false),
                Arguments.of(oneGate, new User("email + phone", true, false, true, true, true, false), true),
                Arguments.of(twoGates, new User("email + phone, 2 gates", true, false, true, true, true, false), true),
                Arguments.of(oneGate, new User("privileged, email only", true, true, true, true, false, false), false),
                Arguments.of(
                        twoGates,
                        new User("privileged, email + questions", true, true, true, true, false, true),
                        false),
                Arguments.of(oneGate, new User("privileged, email + phone", true, true, true, true, true, false), true),
                Arguments.of(
                        GROUP_ONLY,
                        new User("outside the enabled group", false, false, true, true, true, false),
                        false),
                Arguments.of(
                        GROUP_ONLY, new User("inside the enabled group", true, false, true, true, true, false), true));
    }

    @ParameterizedTest(name = "[{index}] {1} -> can reset: {2}")
    @MethodSource("users")
    void theReportTheResetAndRegistrationAgree(SsprPolicy policy, User user, boolean canReset) {
        ResetAccess access = user.access(policy);

        boolean reportSaysReady = Readiness.of(access).ready();
        boolean resetTakesTheRealPath = IdentifyRule.decoyCause(access, true, false) == null
                && Gates.canPass(Gates.offered(access.methods(), List.of(), access.gatesRequired()), 1);
        boolean registrationAsksForMore = access.enabled() && RegistrationMachine.required(access, NOW);

        assertEquals(canReset, reportSaysReady, "readiness report");
        assertEquals(canReset, resetTakesTheRealPath, "reset flow");
        // Registration asks exactly the enabled users who cannot reset (and nobody SSPR is off for).
        assertEquals(access.enabled() && !canReset, registrationAsksForMore, "registration requirement");
    }
}
