package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DecoyProfileTest {

    private static final byte[] KEY = "realm-secret-for-tests".getBytes(StandardCharsets.UTF_8);

    private static SsprPolicy policy(int gates, Method... methods) {
        return SsprPolicy.builder()
                .methods(EnumSet.copyOf(List.of(methods)))
                .gatesRequired(gates)
                .build();
    }

    @Test
    void theSameNameAlwaysGetsTheSameMethodsAndMasksWhateverItsCase() {
        SsprPolicy p = policy(1, Method.EMAIL, Method.SMS, Method.VOICE);
        Map<Method, String> first = masks(DecoyProfile.of(KEY, "Mallory").registration(p, 1, 0));
        Map<Method, String> again = masks(DecoyProfile.of(KEY, " mallory ").registration(p, 1, 0));
        assertEquals(first, again);
        assertEquals(
                DecoyProfile.of(KEY, "Mallory").subject(),
                DecoyProfile.of(KEY, "mallory").subject());
        assertTrue(DecoyProfile.of(KEY, "mallory").subject().startsWith("decoy-"));
    }

    @Test
    void differentNamesAndRealmsGetDifferentProfiles() {
        assertNotEquals(
                DecoyProfile.of(KEY, "mallory").subject(),
                DecoyProfile.of(KEY, "trent").subject());
        assertNotEquals(
                DecoyProfile.of(KEY, "mallory").subject(),
                DecoyProfile.of("another".getBytes(StandardCharsets.UTF_8), "mallory")
                        .subject());
    }

    @Test
    void everyDecoyCanPassItsGatesSoItsPagesLookLikeARegisteredUsers() {
        for (int gates = 1; gates <= 2; gates++) {
            SsprPolicy p = gates == 1
                    ? policy(1, Method.EMAIL, Method.SMS, Method.VOICE)
                    : policy(2, Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS);
            for (int i = 0; i < 200; i++) {
                Registration r = DecoyProfile.of(KEY, "user" + i).registration(p, gates, 0);
                assertTrue(r.canPass(gates), "user" + i + " with " + gates + " gates: " + masks(r));
            }
        }
        SsprPolicy emailOnly = policy(1, Method.EMAIL);
        assertEquals(
                List.of(Method.EMAIL),
                List.copyOf(DecoyProfile.of(KEY, "x")
                        .registration(emailOnly, 1, 0)
                        .entries()
                        .keySet()));
    }

    @Test
    void masksHaveTheShapeOfRealOnes() {
        SsprPolicy p = policy(2, Method.EMAIL, Method.SMS);
        Map<Method, String> m = masks(DecoyProfile.of(KEY, "shape").registration(p, 2, 0));
        assertTrue(m.get(Method.EMAIL).matches("[a-z]\\*+@[a-z.]+"), m.toString());
        assertTrue(m.get(Method.SMS).matches("\\+\\d{2}\\*+\\d{2}"), m.toString());
    }

    private static Map<Method, String> masks(Registration r) {
        return r.entries().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().masked()));
    }
}
