package io.github.sspr.access.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.access.rule.PolicyImpact.Effect;
import io.github.sspr.access.rule.ResetAccess.Facts;
import io.github.sspr.policy.Enablement;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a draft policy does to one user, one row per kind of change. */
class PolicyImpactTest {

    private static final long NOW = 1_790_000_000_000L;
    private static final long DAY = 24L * 60 * 60 * 1000;

    private static final SsprPolicy ONE_GATE = SsprPolicy.defaults(); // email, sms, voice; 1 gate
    private static final SsprPolicy TWO_GATES =
            ONE_GATE.toBuilder().gatesRequired(2).build();
    private static final SsprPolicy NO_EMAIL =
            ONE_GATE.toBuilder().methods(EnumSet.of(Method.SMS, Method.VOICE)).build();
    private static final SsprPolicy US_ONLY =
            ONE_GATE.toBuilder().phoneCountries(Set.of("US")).build();
    private static final SsprPolicy RECONFIRM_30 =
            ONE_GATE.toBuilder().reconfirmDays(30).build();
    private static final SsprPolicy OFF =
            ONE_GATE.toBuilder().enablement(Enablement.OFF).build();

    private static Map<Method, Long> held(String kinds, long at) {
        Map<Method, Long> held = new EnumMap<>(Method.class);
        for (String kind : kinds.isEmpty() ? new String[0] : kinds.split(",")) {
            switch (kind) {
                case "email" -> held.put(Method.EMAIL, at);
                case "phone" -> {
                    held.put(Method.SMS, at);
                    held.put(Method.VOICE, at);
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return held;
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // current, draft, registered, phone region, days since confirmation -> effects
                Arguments.of(ONE_GATE, ONE_GATE, "email", "US", 1, ""),
                Arguments.of(ONE_GATE, TWO_GATES, "email", "US", 1, "unable-to-reset,asked-to-register"),
                Arguments.of(ONE_GATE, TWO_GATES, "email,phone", "US", 1, ""),
                Arguments.of(ONE_GATE, NO_EMAIL, "email", "US", 1, "unable-to-reset,asked-to-register,loses-method"),
                Arguments.of(ONE_GATE, NO_EMAIL, "email,phone", "US", 1, "loses-method"),
                Arguments.of(ONE_GATE, US_ONLY, "phone", "DE", 1, "unable-to-reset,asked-to-register,loses-method"),
                Arguments.of(ONE_GATE, US_ONLY, "phone", "US", 1, ""),
                // already unable: nothing more to lose, and already asked to register
                Arguments.of(ONE_GATE, TWO_GATES, "", "US", 1, ""),
                // a shorter re-confirmation period asks them to confirm, but they can still reset
                Arguments.of(ONE_GATE, RECONFIRM_30, "email", "US", 40, "asked-to-register"),
                Arguments.of(ONE_GATE, RECONFIRM_30, "email", "US", 10, ""),
                // switching SSPR off: nobody is asked anything, everyone who could reset no longer can
                Arguments.of(ONE_GATE, OFF, "email", "US", 1, "unable-to-reset"),
                // a looser draft takes nothing away
                Arguments.of(TWO_GATES, ONE_GATE, "email", "US", 1, ""));
    }

    @ParameterizedTest(name = "[{index}] {2} ({3}) from {0} to {1} -> {5}")
    @MethodSource("rows")
    void effects(SsprPolicy current, SsprPolicy draft, String registered, String region, int days, String expected) {
        Map<Method, Long> held = held(registered, NOW - days * DAY);
        ResetAccess before =
                ResetAccess.decide(current, new Facts(current.isEnabledFor(g -> false), false, held, region));
        ResetAccess after = ResetAccess.decide(draft, new Facts(draft.isEnabledFor(g -> false), false, held, region));
        String effects =
                PolicyImpact.of(before, after, NOW).stream().map(Effect::id).collect(Collectors.joining(","));
        assertEquals(expected, effects);
    }
}
