package io.github.sspr.reset;

import io.github.sspr.credentials.RecoveryCredential;
import io.github.sspr.credentials.RecoveryMethods;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.email.RecoveryEmailSecretData;
import io.github.sspr.credentials.phone.RecoveryPhoneSecretData;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.sms.PhoneNumbers;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * What a person can be verified with at a reset gate: for a real user, their registered recovery methods that the policy
 * allows; for the decoy path, a made-up but stable set ({@link DecoyProfile}). Pages only ever see {@link #masked}.
 */
final class Registration {

    /** One usable method: its masked destination (or, for questions, how many), and the private parts. */
    record Entry(Method method, String masked, String destination) {}

    private final Map<Method, Entry> entries;
    private final SecurityQuestionsCredentialData questions;
    private final SecurityQuestionsSecretData questionSecrets;

    private Registration(
            Map<Method, Entry> entries,
            SecurityQuestionsCredentialData questions,
            SecurityQuestionsSecretData questionSecrets) {
        this.entries = entries;
        this.questions = questions;
        this.questionSecrets = questionSecrets;
    }

    /** A real user's usable methods under {@code policy} (the user's effective policy). */
    static Registration of(UserModel user, SsprPolicy policy) {
        Map<RecoveryCredential, CredentialModel> registered = RecoveryMethods.of(user);
        Map<Method, Entry> entries = new EnumMap<>(Method.class);
        SecurityQuestionsCredentialData qData = null;
        SecurityQuestionsSecretData qSecret = null;
        for (Map.Entry<RecoveryCredential, CredentialModel> e : registered.entrySet()) {
            CredentialModel model = e.getValue();
            try {
                switch (e.getKey()) {
                    case EMAIL -> {
                        String address = RecoveryEmailSecretData.fromJson(model.getSecretData())
                                .address();
                        if (policy.allows(Method.EMAIL)) {
                            entries.put(Method.EMAIL, new Entry(Method.EMAIL, EmailAddresses.mask(address), address));
                        }
                    }
                    case PHONE -> {
                        String e164 = RecoveryPhoneSecretData.fromJson(model.getSecretData())
                                .e164();
                        boolean countryOk = policy.allowsPhoneCountry(PhoneNumbers.regionOf(e164));
                        for (Method m : List.of(Method.SMS, Method.VOICE)) {
                            if (policy.allows(m) && countryOk) {
                                entries.put(m, new Entry(m, PhoneNumbers.mask(e164), e164));
                            }
                        }
                    }
                    case QUESTIONS -> {
                        if (policy.allows(Method.QUESTIONS)) {
                            qData = SecurityQuestionsCredentialData.fromJson(model.getCredentialData());
                            qSecret = SecurityQuestionsSecretData.fromJson(model.getSecretData());
                            entries.put(
                                    Method.QUESTIONS,
                                    new Entry(Method.QUESTIONS, Integer.toString(qData.answersRequired()), null));
                        }
                    }
                }
            } catch (IllegalArgumentException corrupt) {
                // A credential we cannot read is not a way in: skip it (the admin sees it in the Credentials tab).
            }
        }
        return new Registration(entries, qData, qSecret);
    }

    static Registration decoy(Map<Method, Entry> entries, SecurityQuestionsCredentialData questions) {
        return new Registration(new EnumMap<>(entries), questions, null);
    }

    Map<Method, Entry> entries() {
        return entries;
    }

    SecurityQuestionsCredentialData questions() {
        return questions;
    }

    /** Null on the decoy path. */
    SecurityQuestionsSecretData questionSecrets() {
        return questionSecrets;
    }

    /**
     * The methods that can serve as a gate now: registered and allowed, not of a factor already passed (SMS and voice
     * reach one phone), and never security questions as the only gate (they are guessable, DESIGN §5).
     */
    Map<Method, Entry> offered(List<Method> passed, int gatesRequired) {
        Set<Method.Factor> usedFactors = EnumSet.noneOf(Method.Factor.class);
        passed.forEach(m -> usedFactors.add(m.factor()));
        Map<Method, Entry> offered = new LinkedHashMap<>();
        for (Map.Entry<Method, Entry> e : entries.entrySet()) {
            Method method = e.getKey();
            if (usedFactors.contains(method.factor())) {
                continue;
            }
            if (method == Method.QUESTIONS && gatesRequired < 2) {
                continue;
            }
            if (method == Method.QUESTIONS && passed.isEmpty() && !hasOtherFactorThan(Method.Factor.KNOWLEDGE)) {
                continue;
            }
            offered.put(method, e.getValue());
        }
        return offered;
    }

    /** Whether these methods can pass {@code gatesRequired} gates at all (distinct factors, questions never alone). */
    boolean canPass(int gatesRequired) {
        Set<Method.Factor> factors = EnumSet.noneOf(Method.Factor.class);
        for (Method m : entries.keySet()) {
            if (m == Method.QUESTIONS && gatesRequired < 2) {
                continue;
            }
            factors.add(m.factor());
        }
        boolean nonKnowledge = factors.stream().anyMatch(f -> f != Method.Factor.KNOWLEDGE);
        return nonKnowledge && factors.size() >= gatesRequired;
    }

    private boolean hasOtherFactorThan(Method.Factor factor) {
        return entries.keySet().stream().anyMatch(m -> m.factor() != factor);
    }
}
