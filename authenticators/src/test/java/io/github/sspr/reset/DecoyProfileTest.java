package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.RecoveryMix;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Map<Method, String> first = masks(DecoyProfile.of(KEY, "Mallory").registration(p, 1, 0, RecoveryMix.EMPTY));
        Map<Method, String> again = masks(DecoyProfile.of(KEY, " mallory ").registration(p, 1, 0, RecoveryMix.EMPTY));
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
                Registration r = DecoyProfile.of(KEY, "user" + i).registration(p, gates, 0, RecoveryMix.EMPTY);
                assertTrue(r.canPass(gates), "user" + i + " with " + gates + " gates: " + masks(r));
            }
        }
        SsprPolicy emailOnly = policy(1, Method.EMAIL);
        assertEquals(
                List.of(Method.EMAIL),
                List.copyOf(DecoyProfile.of(KEY, "x")
                        .registration(emailOnly, 1, 0, RecoveryMix.EMPTY)
                        .entries()
                        .keySet()));
    }

    @Test
    void masksHaveTheShapeOfRealOnes() {
        SsprPolicy p = policy(2, Method.EMAIL, Method.SMS);
        Map<Method, String> m = masks(DecoyProfile.of(KEY, "shape").registration(p, 2, 0, RecoveryMix.EMPTY));
        assertTrue(m.get(Method.EMAIL).matches("[a-z]\\*+@[a-z.]+"), m.toString());
        assertTrue(m.get(Method.SMS).matches("\\+\\d{2}\\*+\\d{2}"), m.toString());
    }

    private static Map<Method, String> masks(Registration r) {
        return r.entries().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().masked()));
    }

    // --- decoys drawn like the realm's real users (issue 20 item 1) -----------------------------------------------

    /**
     * A realm of 600 registered users (in the demo's shape: US phones, some German ones, addresses at a few domains)
     * and 3,000 unknown names: every feature a reset page shows (which methods, the phone's country, the address's
     * domain) appears among decoys in the same proportion as among real users, within 4 points. Before, every decoy
     * phone was +55 (Brazil, the alphabetically first allowed country) while no real user had one.
     */
    @Test
    void decoyOffersAreDistributedLikeRealUsersOffers() {
        SsprPolicy p = SsprPolicy.builder()
                .methods(EnumSet.of(Method.EMAIL, Method.SMS))
                .gatesRequired(1)
                .phoneCountries(List.of("BR", "DE", "US"))
                .build();
        java.util.Random population = new java.util.Random(20);
        RecoveryMix.Builder builder = new RecoveryMix.Builder();
        Map<String, Integer> real = new java.util.TreeMap<>();
        List<String> domains = List.of("example.org", "mail.test", "corp.example");
        for (int i = 0; i < 600; i++) {
            double r = population.nextDouble();
            boolean email = r < 0.75;
            boolean phone = r > 0.3;
            String e164 = !phone
                    ? null
                    : population.nextDouble() < 0.8
                            ? "+1415555" + String.format("%04d", population.nextInt(10_000))
                            : "+4915" + String.format("%09d", population.nextInt(1_000_000_000));
            String address = !email ? null : "user" + i + "@" + domains.get(population.nextInt(domains.size()));
            Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
            if (email) {
                kinds.add(RecoveryCredential.EMAIL);
            }
            if (phone) {
                kinds.add(RecoveryCredential.PHONE);
            }
            builder.add(kinds, phone ? List.of(e164) : List.of(), email ? List.of(address) : List.of());
            Map<Method, String> offer = new java.util.EnumMap<>(Method.class);
            if (email) {
                offer.put(Method.EMAIL, io.github.sspr.credentials.email.EmailAddresses.mask(address));
            }
            if (phone) {
                offer.put(Method.SMS, io.github.sspr.credentials.phone.PhoneNumbers.mask(e164));
            }
            features(offer).forEach(f -> real.merge(f, 1, Integer::sum));
        }
        RecoveryMix mix = RecoveryMix.fromNote(builder.build().toNote());

        Map<String, Integer> decoys = new java.util.TreeMap<>();
        int names = 3000;
        for (int i = 0; i < names; i++) {
            Registration r = DecoyProfile.of(KEY, "unknown-" + i).registration(p, 1, 0, mix);
            features(masks(r)).forEach(f -> decoys.merge(f, 1, Integer::sum));
        }

        Set<String> all = new java.util.TreeSet<>(real.keySet());
        all.addAll(decoys.keySet());
        for (String feature : all) {
            double realShare = real.getOrDefault(feature, 0) / 600.0;
            double decoyShare = decoys.getOrDefault(feature, 0) / (double) names;
            assertTrue(
                    Math.abs(realShare - decoyShare) <= 0.04,
                    feature + ": real " + realShare + ", decoy " + decoyShare + "\nreal " + real + "\ndecoy " + decoys);
        }
        assertEquals(null, decoys.get("country +55"), "no real user has a Brazilian number");
    }

    /** What a page shows of an offer: the methods, the phone's country, the address's domain and length. */
    private static List<String> features(Map<Method, String> offer) {
        List<String> features = new java.util.ArrayList<>();
        features.add("methods " + new java.util.TreeSet<>(offer.keySet()));
        String phone = offer.get(Method.SMS);
        if (phone != null) {
            features.add("country " + (phone.startsWith("+1") ? "+1" : phone.substring(0, 3)));
            features.add("phone length " + phone.length());
        }
        String email = offer.get(Method.EMAIL);
        if (email != null) {
            features.add("domain " + email.substring(email.indexOf('@')));
            features.add("local length " + email.indexOf('@'));
        }
        return features;
    }

    /**
     * The user's own Keycloak factors (docs/reset.md): in a realm where some users hold an authenticator app or recovery
     * codes — alongside an email, or alone — unknown names are offered the same method sets in the same proportions
     * (within 4 points), so the offer of an app or of recovery codes does not tell a real account from a decoy.
     */
    @Test
    void decoysOfferTheAppAndRecoveryCodesLikeRealUsersDo() {
        SsprPolicy p = policy(1, Method.EMAIL, Method.OTP, Method.RECOVERY_CODES);
        java.util.Random population = new java.util.Random(16);
        RecoveryMix.Builder builder = new RecoveryMix.Builder();
        Map<String, Integer> real = new java.util.TreeMap<>();
        int users = 800;
        for (int i = 0; i < users; i++) {
            boolean email = population.nextDouble() < 0.8;
            boolean otp = population.nextDouble() < (email ? 0.3 : 0.9);
            boolean codes = otp && population.nextDouble() < 0.5;
            Set<RecoveryCredential> kinds =
                    email ? EnumSet.of(RecoveryCredential.EMAIL) : EnumSet.noneOf(RecoveryCredential.class);
            Set<io.github.sspr.credentials.kinds.KeycloakFactor> factors =
                    EnumSet.noneOf(io.github.sspr.credentials.kinds.KeycloakFactor.class);
            Set<Method> offer = EnumSet.noneOf(Method.class);
            if (email) {
                offer.add(Method.EMAIL);
            }
            if (otp) {
                factors.add(io.github.sspr.credentials.kinds.KeycloakFactor.OTP);
                offer.add(Method.OTP);
            }
            if (codes) {
                factors.add(io.github.sspr.credentials.kinds.KeycloakFactor.RECOVERY_CODES);
                offer.add(Method.RECOVERY_CODES);
            }
            if (offer.isEmpty()) {
                continue;
            }
            builder.add(kinds, factors, List.of(), email ? List.of("user" + i + "@example.org") : List.of());
            real.merge(offer.toString(), 1, Integer::sum);
        }
        int realUsers = real.values().stream().mapToInt(Integer::intValue).sum();
        RecoveryMix mix = RecoveryMix.fromNote(builder.build().toNote());

        Map<String, Integer> decoys = new java.util.TreeMap<>();
        int names = 3000;
        for (int i = 0; i < names; i++) {
            Registration r = DecoyProfile.of(KEY, "stranger-" + i).registration(p, 1, 0, mix);
            assertTrue(r.canPass(1), masks(r).toString());
            decoys.merge(EnumSet.copyOf(r.entries().keySet()).toString(), 1, Integer::sum);
            if (r.entries().containsKey(Method.RECOVERY_CODES)) {
                assertTrue(
                        Set.of("1", "2", "3")
                                .contains(r.entries().get(Method.RECOVERY_CODES).masked()),
                        "the number of the code asked for: " + masks(r));
            }
        }
        Set<String> all = new java.util.TreeSet<>(real.keySet());
        all.addAll(decoys.keySet());
        for (String offer : all) {
            double realShare = real.getOrDefault(offer, 0) / (double) realUsers;
            double decoyShare = decoys.getOrDefault(offer, 0) / (double) names;
            assertTrue(
                    Math.abs(realShare - decoyShare) <= 0.04,
                    offer + ": real " + realShare + ", decoy " + decoyShare + "\nreal " + real + "\ndecoy " + decoys);
        }
        assertTrue(decoys.containsKey("[OTP]"), "some decoys hold the app alone, as some real users do: " + decoys);
    }

    /**
     * Passkeys (docs/reset.md, "Passkey"): decoys are offered a passkey as often as real users hold one, and their
     * passkey page lists one made-up credential id, stable per name, of a length authenticators use, never the same for
     * two names.
     */
    @Test
    void decoysOfferAPasskeyLikeRealUsersDoWithAMadeUpStableCredentialId() {
        SsprPolicy p = policy(1, Method.EMAIL, Method.PASSKEY);
        RecoveryMix.Builder builder = new RecoveryMix.Builder();
        for (int i = 0; i < 100; i++) {
            Set<io.github.sspr.credentials.kinds.KeycloakFactor> factors = i % 4 == 0
                    ? EnumSet.of(io.github.sspr.credentials.kinds.KeycloakFactor.PASSKEY)
                    : EnumSet.noneOf(io.github.sspr.credentials.kinds.KeycloakFactor.class);
            builder.add(EnumSet.of(RecoveryCredential.EMAIL), factors, List.of(), List.of("user" + i + "@example.org"));
        }
        RecoveryMix mix = RecoveryMix.fromNote(builder.build().toNote());
        int withPasskey = 0;
        int names = 2000;
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < names; i++) {
            Registration r = DecoyProfile.of(KEY, "stranger-" + i).registration(p, 1, 0, mix);
            Registration.Entry passkey = r.entries().get(Method.PASSKEY);
            if (passkey == null) {
                continue;
            }
            withPasskey++;
            assertEquals("", passkey.masked(), "nothing masked is shown for a passkey");
            String id = passkey.destination();
            assertTrue(id.matches("[A-Za-z0-9_-]+"), "one Base64url id: " + id);
            int bytes = java.util.Base64.getUrlDecoder().decode(id).length;
            assertTrue(Set.of(16, 32, 48, 64).contains(bytes), bytes + " bytes");
            assertTrue(ids.add(id), "a different id for every name");
            assertEquals(
                    id,
                    DecoyProfile.of(KEY, "stranger-" + i)
                            .registration(p, 1, 0, mix)
                            .entries()
                            .get(Method.PASSKEY)
                            .destination(),
                    "the same id for the same name");
        }
        double share = withPasskey / (double) names;
        assertTrue(Math.abs(share - 0.25) <= 0.04, "a quarter of real users hold a passkey; decoys: " + share);
    }
}
