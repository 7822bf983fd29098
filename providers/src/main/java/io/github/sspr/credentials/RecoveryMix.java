package io.github.sspr.credentials;

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
 * @param combos how many users have each set of kinds
 * @param phones how many registered phones have each shape
 * @param emails how many registered addresses have each shape
 */
public record RecoveryMix(
        Map<Set<RecoveryCredential>, Integer> combos,
        Map<PhoneShape, Integer> phones,
        Map<EmailShape, Integer> emails) {

    /** The most shapes of each kind kept. */
    public static final int MAX_SHAPES = 200;

    /** A realm where no one has registered. */
    public static final RecoveryMix EMPTY = new RecoveryMix(Map.of(), Map.of(), Map.of());

    public RecoveryMix {
        combos = Map.copyOf(combos);
        phones = Map.copyOf(phones);
        emails = Map.copyOf(emails);
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

        /**
         * One user's recovery methods.
         *
         * @param kinds the kinds registered
         * @param e164s the registered phone numbers (E.164)
         * @param addresses the registered recovery addresses
         */
        public Builder add(Set<RecoveryCredential> kinds, Collection<String> e164s, Collection<String> addresses) {
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
            return new RecoveryMix(combos, commonest(phones), commonest(emails));
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

    /** One line per entry: {@code c <kinds> <n>}, {@code p <region> <head> <digits> <n>}, {@code e <cp> <len> <dom> <n>}. */
    public String toNote() {
        List<String> lines = new ArrayList<>();
        combos.forEach((kinds, n) -> lines.add("c "
                + String.join(
                        "+", kinds.stream().map(RecoveryCredential::id).sorted().toList())
                + " " + n));
        phones.forEach((s, n) -> lines.add("p " + s.region() + " " + s.head() + " " + s.digits() + " " + n));
        emails.forEach((s, n) -> lines.add("e " + s.first() + " " + s.localLength() + " " + s.domain() + " " + n));
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
                    default -> {}
                }
            } catch (RuntimeException unreadable) {
                // skip the line
            }
        }
        return new RecoveryMix(combos, phones, emails);
    }
}
