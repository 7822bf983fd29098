package io.github.sspr.reset;

import io.github.sspr.credentials.RecoveryMix;
import io.github.sspr.credentials.kinds.KeycloakFactor;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Draws a decoy's methods and masked destinations from the realm's {@link RecoveryMix}, each choice weighted by how
 * many real users have it, so the offers shown for unknown names are distributed like real users' offers
 * (docs/reset-identify.md). Pure: every random choice comes from {@code random}, which the caller derives from the
 * realm's secret and the name, so a name always gets the same decoy.
 */
final class DecoyDraw {

    /** Mailbox providers for a realm where no one has registered an address yet. */
    static final List<String> FALLBACK_DOMAINS =
            List.of("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me", "gmx.net");

    /** Region of a made-up phone when neither users nor the policy name a country. */
    static final String FALLBACK_REGION = "US";

    private final RecoveryMix mix;
    private final SsprPolicy policy;
    private final ToLongFunction<String> random;

    /**
     * @param random a stable non-negative number for each label (the same label gives the same number)
     */
    DecoyDraw(RecoveryMix mix, SsprPolicy policy, ToLongFunction<String> random) {
        this.mix = mix;
        this.policy = policy;
        this.random = random;
    }

    /**
     * A set of kinds that real users of the realm have and that could pass {@code gatesRequired} gates under the
     * policy, weighted by how many users have it; empty when no registered user has such a set.
     */
    Set<RecoveryCredential> kinds(int gatesRequired) {
        Map<Set<RecoveryCredential>, Integer> usable = new LinkedHashMap<>();
        mix.combos().entrySet().stream()
                .sorted(Comparator.comparing(e -> order(e.getKey())))
                .filter(e -> canPass(e.getKey(), gatesRequired))
                .forEach(e -> usable.put(e.getKey(), e.getValue()));
        return usable.isEmpty() ? Set.of() : pick("kinds", usable);
    }

    /**
     * What real users of the realm hold — recovery kinds together with Keycloak factors — that could pass {@code
     * gatesRequired} gates under the policy, weighted by how many users hold it; {@code null} when no one holds such a
     * set. A decoy offers an authenticator app or recovery codes as often, and beside the same methods, as real users.
     */
    RecoveryMix.Profile profile(int gatesRequired) {
        Map<RecoveryMix.Profile, Integer> usable = new LinkedHashMap<>();
        mix.profiles().entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getKey().name()))
                .filter(e -> canPass(e.getKey(), gatesRequired))
                .forEach(e -> usable.put(e.getKey(), e.getValue()));
        return usable.isEmpty() ? null : pick("kinds", usable);
    }

    /**
     * The number of the recovery code a decoy is asked for: most people have not used one yet, a few have used one or
     * two.
     */
    private static final List<Integer> PASSKEY_ID_LENGTHS = List.of(16, 32, 48, 64);

    String nextRecoveryCode() {
        long r = random.applyAsLong("recovery-next") % 10;
        return Integer.toString(r < 7 ? 1 : r < 9 ? 2 : 3);
    }

    /**
     * A made-up passkey credential id (Base64url) for the decoy's passkey page: one id, of a length authenticators use
     * (16 to 64 bytes), stable for the name. No browser holds it, so the ceremony fails as for a lost key.
     */
    String passkeyIds() {
        int length = PASSKEY_ID_LENGTHS.get((int) (random.applyAsLong("passkey-length") % PASSKEY_ID_LENGTHS.size()));
        byte[] id = new byte[length];
        for (int i = 0; i < length; i += 7) {
            long r = random.applyAsLong("passkey-id-" + i); // 63 random bits: seven whole bytes
            for (int j = 0; j < 7 && i + j < length; j++) {
                id[i + j] = (byte) (r >>> (8 * j));
            }
        }
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** A made-up masked address with the shape of a real user's (first character, length, domain). */
    String maskedEmail() {
        if (mix.emails().isEmpty()) {
            char first = (char) ('a' + random.applyAsLong("email-first") % 26);
            int stars = 4 + (int) (random.applyAsLong("email-length") % 6);
            String domain = FALLBACK_DOMAINS.get((int) (random.applyAsLong("email-domain") % FALLBACK_DOMAINS.size()));
            return first + "*".repeat(stars) + "@" + domain;
        }
        Map<RecoveryMix.EmailShape, Integer> shapes = new LinkedHashMap<>();
        mix.emails().entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getKey().toString()))
                .forEach(e -> shapes.put(e.getKey(), e.getValue()));
        RecoveryMix.EmailShape shape = pick("email", shapes);
        return new String(Character.toChars(shape.first()))
                + "*".repeat(Math.max(1, shape.localLength() - 1))
                + "@" + shape.domain();
    }

    /** A made-up masked phone with the shape of a real user's in an allowed country, or of an allowed country. */
    String maskedPhone() {
        Map<RecoveryMix.PhoneShape, Integer> shapes = new LinkedHashMap<>();
        mix.phones().entrySet().stream()
                .filter(e -> policy.allowsPhoneCountry(e.getKey().region()))
                .sorted(Comparator.comparing(e -> e.getKey().toString()))
                .forEach(e -> shapes.put(e.getKey(), e.getValue()));
        StringBuilder digits = new StringBuilder("+");
        int length;
        if (shapes.isEmpty()) {
            String code = Integer.toString(PhoneNumbers.callingCodeOf(fallbackRegion()));
            digits.append(code);
            length = code.equals("1") ? 11 : code.length() + 11 - Math.min(2, code.length() - 1);
        } else {
            RecoveryMix.PhoneShape shape = pick("phone", shapes);
            digits.append(shape.head());
            length = shape.digits();
        }
        for (int i = digits.length() - 1; i < length; i++) {
            digits.append(random.applyAsLong("phone-digit-" + i) % 10);
        }
        return PhoneNumbers.mask(digits.toString());
    }

    /** One of the allowed countries, drawn (never the first of a sorted list), or the US when all are allowed. */
    private String fallbackRegion() {
        List<String> allowed = new ArrayList<>(policy.phoneCountries());
        if (allowed.isEmpty()) {
            return FALLBACK_REGION;
        }
        allowed.sort(Comparator.naturalOrder());
        return allowed.get((int) (random.applyAsLong("phone-region") % allowed.size()));
    }

    private boolean canPass(RecoveryMix.Profile profile, int gatesRequired) {
        Set<Method.Factor> factors = factors(profile.kinds(), gatesRequired);
        for (KeycloakFactor factor : profile.factors()) {
            if (policy.allows(factor.method())) {
                factors.add(factor.method().factor());
            }
        }
        return factors.stream().anyMatch(f -> f != Method.Factor.KNOWLEDGE) && factors.size() >= gatesRequired;
    }

    private boolean canPass(Set<RecoveryCredential> kinds, int gatesRequired) {
        Set<Method.Factor> factors = factors(kinds, gatesRequired);
        return factors.stream().anyMatch(f -> f != Method.Factor.KNOWLEDGE) && factors.size() >= gatesRequired;
    }

    private Set<Method.Factor> factors(Set<RecoveryCredential> kinds, int gatesRequired) {
        Set<Method.Factor> factors = EnumSet.noneOf(Method.Factor.class);
        for (RecoveryCredential kind : kinds) {
            boolean allowed = kind.methods().stream().anyMatch(policy::allows);
            if (kind == RecoveryCredential.PHONE && allowed) {
                allowed = policy.phoneCountries().isEmpty()
                        || mix.phones().keySet().stream().anyMatch(s -> policy.allowsPhoneCountry(s.region()));
            }
            if (allowed && !(kind == RecoveryCredential.QUESTIONS && gatesRequired < 2)) {
                factors.add(kind.factor());
            }
        }
        return factors;
    }

    /**
     * Weighted rendezvous choice: every entry scores {@code -ln(u) / weight} with {@code u} uniform from the name's
     * randomness for that entry, and the lowest score wins, so an entry of weight w wins w times in every sum of
     * weights. When the realm's summary changes (a user registers), a name's choice stays put unless the entry it had
     * lost weight or a new one beats it: a decoy does not visibly change from one hour's summary to the next, as a real
     * user's registration does not.
     */
    private <K> K pick(String label, Map<K, Integer> weights) {
        K best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (Map.Entry<K, Integer> e : weights.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            long bits = random.applyAsLong(label + ":" + keyName(e.getKey()));
            double u = ((bits >>> 10) + 1) / (double) (1L << 53); // bits has 63 random bits: u in (0, 1]
            double score = -Math.log(u) / e.getValue();
            if (score < bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        if (best == null) {
            throw new IllegalStateException("nothing to choose from");
        }
        return best;
    }

    /** A name for a choice that is the same on every node and run (a set's own order is not). */
    private static String keyName(Object key) {
        if (key instanceof RecoveryMix.Profile profile) {
            // Without factors, the same name as the kinds alone: a name keeps its decoy as the summary gains profiles.
            return profile.factors().isEmpty() ? keyName(profile.kinds()) : profile.name();
        }
        if (key instanceof Set<?> set) {
            return set.stream().map(String::valueOf).sorted().toList().toString();
        }
        return String.valueOf(key);
    }

    private static String order(Set<RecoveryCredential> kinds) {
        return kinds.stream().map(RecoveryCredential::id).sorted().toList().toString();
    }
}
