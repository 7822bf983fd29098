package io.github.sspr.credentials;

import io.github.sspr.credentials.kinds.KeycloakFactor;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.phone.PhoneNumbers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the realm's registered users have, in the only form a reset page shows it: which kinds of recovery method each
 * user has, and the shapes of their masked phones and addresses. The decoy path draws made-up registrations from it,
 * so an unknown name shows what a real user of the same realm would (docs/reset-identify.md).
 *
 * <p>A shape keeps exactly what the mask shows and nothing else: for a phone its region, first two digits and number
 * of digits; for an address its first character, local-part length and domain. Shapes seen in fewer users than the
 * most common {@link #MAX_SHAPES} are dropped, which bounds the size of the cached summary.
 *
 * <p>The user's own Keycloak factors (authenticator app, recovery codes) count too: {@link #profiles} holds how many
 * users have each set of recovery kinds <em>together with</em> each set of Keycloak factors, so that a decoy offers an
 * app or recovery codes as often, and alongside the same methods, as real users do (docs/reset.md).
 *
 * @param combos how many users have each set of recovery kinds
 * @param phones how many registered phones have each shape
 * @param emails how many registered addresses have each shape
 * @param profiles how many users have each set of recovery kinds with each set of Keycloak factors
 */
public record RecoveryMix(
        Map<Set<RecoveryCredential>, Integer> combos,
        Map<PhoneShape, Integer> phones,
        Map<EmailShape, Integer> emails,
        Map<Profile, Integer> profiles) {

    /** The most shapes of each kind kept. */
    public static final int MAX_SHAPES = 200;

    /** A realm where no one has registered. */
    public static final RecoveryMix EMPTY = new RecoveryMix(Map.of(), Map.of(), Map.of());

    public RecoveryMix {
        combos = Map.copyOf(combos);
        phones = Map.copyOf(phones);
        emails = Map.copyOf(emails);
        profiles = Map.copyOf(profiles);
    }

    /** A mix of users without Keycloak factors. */
    public RecoveryMix(
            Map<Set<RecoveryCredential>, Integer> combos,
            Map<PhoneShape, Integer> phones,
            Map<EmailShape, Integer> emails) {
        this(combos, phones, emails, profilesOf(combos));
    }

    /** What one user holds, as a page could show it: recovery kinds and Keycloak factors. */
    public record Profile(Set<RecoveryCredential> kinds, Set<KeycloakFactor> factors) {
        public Profile {
            kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
            factors = factors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(factors));
        }

        /** Stable across nodes and runs: {@code email+phone|otp}, {@code -|recovery-codes}. */
        public String name() {
            String k = kinds.isEmpty()
                    ? "-"
                    : String.join(
                            "+",
                            kinds.stream().map(RecoveryCredential::id).sorted().toList());
            String f = factors.isEmpty()
                    ? "-"
                    : String.join(
                            "+",
                            factors.stream().map(KeycloakFactor::name).sorted().toList());
            return k + "|" + f;
        }
    }

    private static Map<Profile, Integer> profilesOf(Map<Set<RecoveryCredential>, Integer> combos) {
        Map<Profile, Integer> profiles = new HashMap<>();
        combos.forEach((kinds, n) -> profiles.put(new Profile(kinds, Set.of()), n));
        return profiles;
    }

    /** What a masked phone shows: {@code +} the first two digits, stars, two digits; and its region (policy filter). */
    public record PhoneShape(String region, String head, int digits) {}

    /** What a masked address shows: its first character, as many stars as the rest of the local part, the domain. */
    public record EmailShape(int first, int localLength, String domain) {}

    public boolean isEmpty() {
        return combos.isEmpty();
    }

    /** Collects users one by one. */
    public static final class Builder {
        private final Map<Set<RecoveryCredential>, Integer> combos = new HashMap<>();
        private final Map<PhoneShape, Integer> phones = new HashMap<>();
        private final Map<EmailShape, Integer> emails = new HashMap<>();
        private final Map<Profile, Integer> profiles = new HashMap<>();

        /** One user without Keycloak factors. */
        public Builder add(Set<RecoveryCredential> kinds, Collection<String> e164s, Collection<String> addresses) {
            return add(kinds, Set.of(), e164s, addresses);
        }

        /**
         * One user's recovery methods.
         *
         * @param kinds the kinds registered
         * @param factors the user's Keycloak factors that can serve as gates
         * @param e164s the registered phone numbers (E.164)
         * @param addresses the registered recovery addresses
         */
        public Builder add(
                Set<RecoveryCredential> kinds,
                Set<KeycloakFactor> factors,
                Collection<String> e164s,
                Collection<String> addresses) {
            if (kinds.isEmpty() && factors.isEmpty()) {
                return this;
            }
            profiles.merge(new Profile(kinds, factors), 1, Integer::sum);
            if (kinds.isEmpty()) {
                return this;
            }
            combos.merge(EnumSet.copyOf(kinds), 1, Integer::sum);
            for (String e164 : e164s) {
                String digits = e164.replaceAll("[^0-9]", "");
                if (digits.length() > 4) {
                    phones.merge(
                            new PhoneShape(PhoneNumbers.regionOf(e164), digits.substring(0, 2), digits.length()),
                            1,
                            Integer::sum);
                }
            }
            for (String address : addresses) {
                int at = address.lastIndexOf('@');
                if (at > 0 && at < address.length() - 1) {
                    emails.merge(
                            new EmailShape(address.codePointAt(0), at, address.substring(at + 1)), 1, Integer::sum);
                }
            }
            return this;
        }

        public RecoveryMix build() {
            return new RecoveryMix(combos, commonest(phones), commonest(emails), profiles);
        }
    }

    private static <K> Map<K, Integer> commonest(Map<K, Integer> counts) {
        Map<K, Integer> kept = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<K, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(MAX_SHAPES)
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    // ------------------------------------------------------------------------------------------------ cache form

    /**
     * One line per entry: {@code c <kinds> <n>}, {@code p <region> <head> <digits> <n>}, {@code e <cp> <len> <dom> <n>},
     * {@code u <kinds>|<factors> <n>} (a profile; {@code -} for none).
     */
    public String toNote() {
        List<String> lines = new ArrayList<>();
        combos.forEach((kinds, n) -> lines.add("c "
                + String.join(
                        "+", kinds.stream().map(RecoveryCredential::id).sorted().toList())
                + " " + n));
        phones.forEach((s, n) -> lines.add("p " + s.region() + " " + s.head() + " " + s.digits() + " " + n));
        emails.forEach((s, n) -> lines.add("e " + s.first() + " " + s.localLength() + " " + s.domain() + " " + n));
        profiles.forEach((profile, n) -> lines.add("u " + profile.name() + " " + n));
        return String.join("\n", lines);
    }

    /** Reads {@link #toNote()}; a line it cannot read is skipped (the summary is only a sample anyway). */
    public static RecoveryMix fromNote(String note) {
        if (note == null || note.isBlank()) {
            return EMPTY;
        }
        Map<Set<RecoveryCredential>, Integer> combos = new HashMap<>();
        Map<PhoneShape, Integer> phones = new HashMap<>();
        Map<EmailShape, Integer> emails = new HashMap<>();
        Map<Profile, Integer> profiles = new HashMap<>();
        for (String line : note.split("\n")) {
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "c" -> {
                        Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
                        for (String id : f[1].split("\\+")) {
                            kinds.add(RecoveryCredential.ofId(id).orElseThrow());
                        }
                        combos.put(kinds, Integer.parseInt(f[2]));
                    }
                    case "p" -> phones.put(new PhoneShape(f[1], f[2], Integer.parseInt(f[3])), Integer.parseInt(f[4]));
                    case "e" ->
                        emails.put(
                                new EmailShape(Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3]),
                                Integer.parseInt(f[4]));
                    case "u" -> profiles.put(profile(f[1]), Integer.parseInt(f[2]));
                    default -> {}
                }
            } catch (RuntimeException unreadable) {
                // skip the line
            }
        }
        // A summary cached before profiles were kept: its users had no factors as far as it knows.
        return profiles.isEmpty()
                ? new RecoveryMix(combos, phones, emails)
                : new RecoveryMix(combos, phones, emails, profiles);
    }

    private static Profile profile(String name) {
        String[] parts = name.split("\\|");
        Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
        if (!parts[0].equals("-")) {
            for (String id : parts[0].split("\\+")) {
                kinds.add(RecoveryCredential.ofId(id).orElseThrow());
            }
        }
        Set<KeycloakFactor> factors = EnumSet.noneOf(KeycloakFactor.class);
        if (!parts[1].equals("-")) {
            for (String id : parts[1].split("\\+")) {
                factors.add(KeycloakFactor.valueOf(id));
            }
        }
        return new Profile(kinds, factors);
    }
}
