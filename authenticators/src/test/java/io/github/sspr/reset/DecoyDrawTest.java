package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.RecoveryMix;
import io.github.sspr.credentials.RecoveryMix.EmailShape;
import io.github.sspr.credentials.RecoveryMix.PhoneShape;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecoyDrawTest {

    private static SsprPolicy policy(int gates, List<String> countries, Method... methods) {
        return SsprPolicy.builder()
                .methods(EnumSet.copyOf(List.of(methods)))
                .gatesRequired(gates)
                .phoneCountries(Set.copyOf(countries))
                .build();
    }

    /** The randomness of the n-th name: a stable non-negative number per label, as DecoyProfile's HMAC gives. */
    private static ToLongFunction<String> name(long n) {
        return label -> new SplittableRandom(n * 1_000_003L + label.hashCode()).nextLong() >>> 1;
    }

    private static RecoveryMix phones(Map<PhoneShape, Integer> shapes) {
        return new RecoveryMix(Map.of(EnumSet.of(RecoveryCredential.PHONE), 1), shapes, Map.of());
    }

    /** The countries and lengths of the masked phones seen over 1,000 draws. */
    private static Set<String> prefixes(RecoveryMix mix, SsprPolicy policy) {
        Set<String> seen = new TreeSet<>();
        for (long n = 0; n < 1000; n++) {
            String masked = new DecoyDraw(mix, policy, name(n)).maskedPhone();
            // the country as the mask shows it (+1 is the only calling code that starts with 1)
            String country = masked.startsWith("+1") ? "+1" : masked.substring(0, 3);
            seen.add(country + "/" + masked.length());
        }
        return seen;
    }

    @ParameterizedTest(name = "[{index}] users {0}, allowed {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the demo: users all in the US, Brazil allowed and alphabetically first -> never +55
                "US:14:11                | BR,US     | +1/12",
                "US:14:11,DE:49:13       | BR,DE,US  | +1/12,+49/14",
                // a user's country the policy no longer allows is not drawn
                "US:14:11,DE:49:13       | DE        | +49/14",
                // no registered phone: drawn among the allowed countries, not the first one
                "                        | BR,US     | +1/12,+55/13",
                "                        | ''        | +1/12",
                "DE:49:13                | US        | +1/12",
            })
    void phonesHaveTheShapesOfRealUsersPhones(String users, String allowed, String expected) {
        Map<PhoneShape, Integer> shapes = new HashMap<>();
        if (users != null) {
            for (String u : users.split(",")) {
                String[] f = u.split(":");
                shapes.put(new PhoneShape(f[0], f[1], Integer.parseInt(f[2])), 3);
            }
        }
        List<String> countries = allowed.isEmpty() ? List.of() : List.of(allowed.split(","));
        SsprPolicy p = policy(1, countries, Method.SMS, Method.EMAIL);
        assertEquals(new TreeSet<>(List.of(expected.split(","))), prefixes(phones(shapes), p));
    }

    @Test
    void addressesHaveTheShapesOfRealUsersAddresses() {
        RecoveryMix mix = new RecoveryMix(
                Map.of(EnumSet.of(RecoveryCredential.EMAIL), 2),
                Map.of(),
                Map.of(new EmailShape('j', 8, "example.org"), 1, new EmailShape('m', 3, "mail.test"), 1));
        Set<String> seen = new TreeSet<>();
        for (long n = 0; n < 100; n++) {
            seen.add(new DecoyDraw(mix, policy(1, List.of(), Method.EMAIL), name(n)).maskedEmail());
        }
        assertEquals(Set.of("j*******@example.org", "m**@mail.test"), seen);
    }

    @ParameterizedTest(name = "[{index}] {0} with {1} gate(s) -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "email:3,phone:1                 | 1 | email:3,phone:1",
                // questions alone never pass; a single method never passes two gates
                "questions:5,email:2             | 1 | email:2",
                "email:4,email+phone:1,phone:2   | 2 | email+phone:1",
                "email+questions:2,phone:1       | 2 | email+questions:2",
                "questions:9                     | 1 | ''",
            })
    void kindsAreDrawnInProportionAmongThoseThatPass(String combos, int gates, String expected) {
        RecoveryMix mix = new RecoveryMix(
                parseCombos(combos),
                Map.of(new PhoneShape("US", "14", 11), 1),
                Map.of(new EmailShape('a', 5, "x.y"), 1));
        SsprPolicy p = gates == 1
                ? policy(1, List.of(), Method.EMAIL, Method.SMS)
                : policy(gates, List.of(), Method.EMAIL, Method.SMS, Method.QUESTIONS);
        Map<Set<RecoveryCredential>, Integer> want = expected.isEmpty() ? Map.of() : parseCombos(expected);
        double total = want.values().stream().mapToInt(Integer::intValue).sum();
        Map<Set<RecoveryCredential>, Integer> drawn = new HashMap<>();
        int names = 20_000;
        for (long n = 0; n < names; n++) {
            Set<RecoveryCredential> kinds = new DecoyDraw(mix, p, name(n)).kinds(gates);
            if (!kinds.isEmpty()) {
                drawn.merge(kinds, 1, Integer::sum);
            }
        }
        assertEquals(want.keySet(), drawn.keySet());
        for (Map.Entry<Set<RecoveryCredential>, Integer> e : want.entrySet()) {
            double share = drawn.get(e.getKey()) / (double) names;
            assertEquals(e.getValue() / total, share, 0.015, e.getKey() + " in " + drawn);
        }
    }

    @Test
    void aNamesDecoyStaysPutWhenTheRealmsMixShiftsALittle() {
        Map<Set<RecoveryCredential>, Integer> before = parseCombos("email:40,phone:30,email+phone:30");
        Map<Set<RecoveryCredential>, Integer> after = parseCombos("email:41,phone:30,email+phone:30");
        SsprPolicy p = policy(1, List.of(), Method.EMAIL, Method.SMS);
        RecoveryMix m1 = new RecoveryMix(before, Map.of(new PhoneShape("US", "14", 11), 1), Map.of());
        RecoveryMix m2 = new RecoveryMix(after, Map.of(new PhoneShape("US", "14", 11), 1), Map.of());
        int changed = 0;
        int names = 5_000;
        for (long n = 0; n < names; n++) {
            if (!new DecoyDraw(m1, p, name(n)).kinds(1).equals(new DecoyDraw(m2, p, name(n)).kinds(1))) {
                changed++;
            }
        }
        // One more user of 101 moves about 1 % of names; a cumulative (modulo) pick would move about half.
        assertTrue(changed < names * 0.02, changed + " of " + names + " decoys changed");
    }

    @Test
    void phonesOutsideTheAllowedCountriesDoNotMakeAPhoneUserPass() {
        RecoveryMix mix = phones(Map.of(new PhoneShape("DE", "49", 13), 1));
        assertTrue(new DecoyDraw(mix, policy(1, List.of("US"), Method.SMS), name(0))
                .kinds(1)
                .isEmpty());
    }

    private static Map<Set<RecoveryCredential>, Integer> parseCombos(String text) {
        Map<Set<RecoveryCredential>, Integer> combos = new HashMap<>();
        for (String c : text.split(",")) {
            String[] f = c.split(":");
            Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
            for (String id : f[0].split("\\+")) {
                kinds.add(RecoveryCredential.ofId(id).orElseThrow());
            }
            combos.put(kinds, Integer.parseInt(f[1]));
        }
        return combos;
    }
}
