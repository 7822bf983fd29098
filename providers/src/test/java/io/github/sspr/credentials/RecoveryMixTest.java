package io.github.sspr.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.RecoveryMix.EmailShape;
import io.github.sspr.credentials.RecoveryMix.PhoneShape;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryMixTest {

    @Test
    void usersAreCountedByKindsAndShapesOnly() {
        RecoveryMix mix = new RecoveryMix.Builder()
                .add(
                        EnumSet.of(RecoveryCredential.PHONE, RecoveryCredential.EMAIL),
                        List.of("+14155550123"),
                        List.of("jane.roe@example.org"))
                .add(EnumSet.of(RecoveryCredential.PHONE), List.of("+14155550999"), List.of())
                .add(EnumSet.of(RecoveryCredential.QUESTIONS), List.of(), List.of())
                .add(EnumSet.noneOf(RecoveryCredential.class), List.of(), List.of())
                .build();

        assertEquals(
                Map.of(
                        Set.of(RecoveryCredential.PHONE, RecoveryCredential.EMAIL), 1,
                        Set.of(RecoveryCredential.PHONE), 1,
                        Set.of(RecoveryCredential.QUESTIONS), 1),
                mix.combos());
        assertEquals(Map.of(new PhoneShape("US", "14", 11), 2), mix.phones());
        assertEquals(Map.of(new EmailShape('j', 8, "example.org"), 1), mix.emails());
        assertFalse(mix.toNote().contains("0123"), "no more of a number than its mask shows");
        assertFalse(mix.toNote().contains("jane"), "no more of an address than its mask shows");
    }

    @Test
    void theCacheFormReadsBackTheSame() {
        RecoveryMix mix = new RecoveryMix.Builder()
                .add(EnumSet.of(RecoveryCredential.EMAIL, RecoveryCredential.QUESTIONS), List.of(), List.of("é@ü.test"))
                .add(EnumSet.of(RecoveryCredential.PHONE), List.of("+4915112345678"), List.of())
                .build();
        assertEquals(mix, RecoveryMix.fromNote(mix.toNote()));
        assertTrue(RecoveryMix.fromNote(null).isEmpty());
        assertEquals(RecoveryMix.EMPTY, RecoveryMix.fromNote("garbage line\nc nonsense 3"));
    }

    @Test
    void onlyTheCommonestShapesAreKept() {
        RecoveryMix.Builder builder = new RecoveryMix.Builder();
        for (int i = 0; i < RecoveryMix.MAX_SHAPES + 50; i++) {
            builder.add(EnumSet.of(RecoveryCredential.EMAIL), List.of(), List.of("a@d" + i + ".test"));
        }
        builder.add(EnumSet.of(RecoveryCredential.EMAIL), List.of(), List.of("b@d7.test"));
        RecoveryMix mix = builder.build();
        assertEquals(RecoveryMix.MAX_SHAPES, mix.emails().size());
    }

    @Test
    void keycloakFactorsAreCountedWithTheKindsTheyComeWithAndSurviveTheCache() {
        RecoveryMix mix = new RecoveryMix.Builder()
                .add(
                        EnumSet.of(RecoveryCredential.EMAIL),
                        EnumSet.of(io.github.sspr.credentials.kinds.KeycloakFactor.OTP),
                        List.of(),
                        List.of("a@x.test"))
                .add(EnumSet.of(RecoveryCredential.EMAIL), List.of(), List.of("b@x.test"))
                .add(
                        EnumSet.noneOf(RecoveryCredential.class),
                        EnumSet.allOf(io.github.sspr.credentials.kinds.KeycloakFactor.class),
                        List.of(),
                        List.of())
                .build();
        assertEquals(Map.of(Set.of(RecoveryCredential.EMAIL), 2), mix.combos(), "kinds as before");
        assertEquals(
                Map.of(
                        new RecoveryMix.Profile(
                                Set.of(RecoveryCredential.EMAIL),
                                Set.of(io.github.sspr.credentials.kinds.KeycloakFactor.OTP)),
                        1,
                        new RecoveryMix.Profile(Set.of(RecoveryCredential.EMAIL), Set.of()),
                        1,
                        new RecoveryMix.Profile(
                                Set.of(), EnumSet.allOf(io.github.sspr.credentials.kinds.KeycloakFactor.class)),
                        1),
                mix.profiles());
        assertEquals(mix, RecoveryMix.fromNote(mix.toNote()));
        assertEquals(
                Map.of(new RecoveryMix.Profile(Set.of(RecoveryCredential.EMAIL), Set.of()), 2),
                RecoveryMix.fromNote("c email 2").profiles(),
                "a summary cached before factors were counted reads as users without them");
    }
}
