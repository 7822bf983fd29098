package io.github.sspr.reset;

import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The made-up registration that the decoy path shows for a username that cannot reset (unknown, disabled, not
 * registered, not enabled for SSPR): plausible masked destinations and questions, the same for the same username every
 * time (so that asking twice does not give it away), and unpredictable without the realm's secret key.
 */
final class DecoyProfile {

    /** Common mailbox providers: a masked real address shows its domain, so a decoy shows a believable one. */
    private static final List<String> DOMAINS =
            List.of("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me", "gmx.net");

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final byte[] seed;

    private DecoyProfile(byte[] seed) {
        this.seed = seed;
    }

    /**
     * @param key the realm's secret (any stable secret bytes); the profile is HMAC-SHA256(key, username)
     * @param username as typed, compared case-insensitively
     */
    static DecoyProfile of(byte[] key, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String normalized = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
            return new DecoyProfile(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A stable pseudonym for the throttle's counters, so that decoys are blocked exactly as real accounts are. */
    String subject() {
        StringBuilder hex = new StringBuilder("decoy-");
        for (int i = 0; i < 12; i++) {
            hex.append(String.format("%02x", seed[i] & 0xff));
        }
        return hex.toString();
    }

    /**
     * The decoy's methods under {@code policy}: always enough to pass its gates, so the page never differs in kind from a
     * registered user's.
     */
    Registration registration(SsprPolicy policy, int gatesRequired, long now) {
        Map<Method, Registration.Entry> entries = new EnumMap<>(Method.class);
        boolean email = policy.allows(Method.EMAIL) && (bit(0) || gatesRequired > 1 || !phoneAllowed(policy));
        boolean phone = phoneAllowed(policy) && (bit(1) || !email || gatesRequired > 1);
        boolean questions = policy.allows(Method.QUESTIONS) && gatesRequired > 1 && bit(2);
        if (email) {
            String local = LETTERS.charAt(unsigned(3) % LETTERS.length()) + "x".repeat(4 + unsigned(4) % 6);
            String address = local + "@" + DOMAINS.get(unsigned(5) % DOMAINS.size());
            entries.put(Method.EMAIL, new Registration.Entry(Method.EMAIL, EmailAddresses.mask(address), null));
        }
        if (phone) {
            String masked = PhoneNumbers.mask(fakeNumber(policy));
            for (Method m : List.of(Method.SMS, Method.VOICE)) {
                if (policy.allows(m)) {
                    entries.put(m, new Registration.Entry(m, masked, null));
                }
            }
        }
        SecurityQuestionsCredentialData data = null;
        if (questions || (entries.size() < gatesRequired && policy.allows(Method.QUESTIONS))) {
            List<String> ids = questionIds(policy);
            if (ids.size() >= policy.questionsToAnswer()) {
                data = SecurityQuestionsCredentialData.registered(ids, policy.questionsToAnswer(), now);
                entries.put(
                        Method.QUESTIONS,
                        new Registration.Entry(Method.QUESTIONS, Integer.toString(policy.questionsToAnswer()), null));
            }
        }
        return Registration.decoy(entries, data);
    }

    private static boolean phoneAllowed(SsprPolicy policy) {
        return policy.allows(Method.SMS) || policy.allows(Method.VOICE);
    }

    /** A number of the policy's first allowed country when it names some (else the US), with made-up digits. */
    private String fakeNumber(SsprPolicy policy) {
        String countryCode = "1";
        if (!policy.phoneCountries().isEmpty()) {
            String region =
                    policy.phoneCountries().stream().sorted().findFirst().orElse("US");
            countryCode = Integer.toString(PhoneNumbers.callingCodeOf(region));
        }
        StringBuilder digits = new StringBuilder("+").append(countryCode);
        int length = countryCode.equals("1") ? 10 : 11 - Math.min(2, countryCode.length() - 1);
        for (int i = 0; i < length; i++) {
            digits.append(unsigned(8 + i) % 10);
        }
        return digits.toString();
    }

    private List<String> questionIds(SsprPolicy policy) {
        List<String> pool = new ArrayList<>(
                policy.offeredQuestions().stream().map(Question::id).toList());
        List<String> chosen = new ArrayList<>();
        int want = Math.min(pool.size(), policy.questionsToRegister());
        for (int i = 0; i < want; i++) {
            chosen.add(pool.remove(unsigned(20 + i) % pool.size()));
        }
        return chosen;
    }

    private boolean bit(int index) {
        return (seed[index] & 1) == 1;
    }

    private int unsigned(int index) {
        return seed[index % seed.length] & 0xff;
    }
}
