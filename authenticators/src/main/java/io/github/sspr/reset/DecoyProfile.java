package io.github.sspr.reset;

import io.github.sspr.credentials.RecoveryMix;
import io.github.sspr.credentials.kinds.KeycloakFactor;
import io.github.sspr.credentials.kinds.RecoveryCredential;
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
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The made-up registration that the decoy path shows for a username that cannot reset (unknown, disabled, not
 * registered, not enabled for SSPR): plausible masked destinations and questions, the same for the same username every
 * time (so that asking twice does not give it away), and unpredictable without the realm's secret key.
 */
final class DecoyProfile {

    private final byte[] seed;

    private DecoyProfile(byte[] seed) {
        this.seed = seed;
    }

    /**
     * @param key the realm's secret (any stable secret bytes); the profile is HMAC-SHA256(key, username)
     * @param username as typed, compared case-insensitively
     */
    static DecoyProfile of(byte[] key, String username) {
        String normalized = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return new DecoyProfile(hmac(key, normalized));
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
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
     * The decoy's methods under {@code policy}, drawn like a real user's of the realm ({@link DecoyDraw}): always enough
     * to pass its gates, so the page never differs in kind from a registered user's.
     *
     * @param mix what the realm's registered users have ({@link io.github.sspr.credentials.RecoveryMixes#of})
     */
    Registration registration(SsprPolicy policy, int gatesRequired, long now, RecoveryMix mix) {
        DecoyDraw draw = new DecoyDraw(mix, policy, this::random);
        RecoveryMix.Profile profile = draw.profile(gatesRequired);
        Set<RecoveryCredential> kinds = profile == null ? Set.of() : profile.kinds();
        Set<KeycloakFactor> factors = profile == null ? Set.of() : profile.factors();
        boolean email;
        boolean phone;
        boolean questions;
        if (profile != null) {
            email = kinds.contains(RecoveryCredential.EMAIL) && policy.allows(Method.EMAIL);
            phone = kinds.contains(RecoveryCredential.PHONE) && phoneAllowed(policy);
            questions = kinds.contains(RecoveryCredential.QUESTIONS) && policy.allows(Method.QUESTIONS);
        } else {
            // No registered user could pass these gates (a new realm): any plausible set that can.
            email = policy.allows(Method.EMAIL) && (bit(0) || gatesRequired > 1 || !phoneAllowed(policy));
            phone = phoneAllowed(policy) && (bit(1) || !email || gatesRequired > 1);
            questions = policy.allows(Method.QUESTIONS) && gatesRequired > 1 && bit(2);
        }
        Map<Method, Registration.Entry> entries = new EnumMap<>(Method.class);
        if (email) {
            entries.put(Method.EMAIL, new Registration.Entry(Method.EMAIL, draw.maskedEmail(), null));
        }
        if (phone) {
            String masked = draw.maskedPhone();
            for (Method m : List.of(Method.SMS, Method.VOICE)) {
                if (policy.allows(m)) {
                    entries.put(m, new Registration.Entry(m, masked, null));
                }
            }
        }
        for (KeycloakFactor factor : factors) {
            if (policy.allows(factor.method())) {
                String masked = factor == KeycloakFactor.RECOVERY_CODES ? draw.nextRecoveryCode() : "";
                // A passkey page lists credential ids for the browser: the decoy's are made up, stable per name.
                String ids = factor == KeycloakFactor.PASSKEY ? draw.passkeyIds() : null;
                entries.put(factor.method(), new Registration.Entry(factor.method(), masked, ids));
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

    /** A stable non-negative number for {@code label}: HMAC-SHA256(seed, label), first 8 bytes, sign bit cleared. */
    private long random(String label) {
        byte[] out = hmac(seed, label);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (out[i] & 0xff);
        }
        return value & Long.MAX_VALUE;
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
