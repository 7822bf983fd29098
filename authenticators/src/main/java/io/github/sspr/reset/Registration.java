package io.github.sspr.reset;

import io.github.sspr.access.rule.Gates;
import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import io.github.sspr.policy.Method;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person can be verified with at a reset gate: for a real user, the methods the policy-for-user rule lets them
 * use ({@link ResetAccess#methods()}); for the decoy path, a made-up but stable set ({@link DecoyProfile}). Pages only
 * ever see {@link Entry#masked}.
 */
final class Registration {

    /** One usable method: its masked destination (or, for questions, how many), and the destination itself. */
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

    /** A real user's usable methods, as the rule decided them. */
    static Registration of(RegisteredMethods methods, ResetAccess access) {
        Map<Method, Entry> entries = new EnumMap<>(Method.class);
        for (Method method : access.methods()) {
            entries.put(
                    method,
                    new Entry(
                            method,
                            methods.masked(method),
                            methods.destination(method).orElse(null)));
        }
        boolean questions = entries.containsKey(Method.QUESTIONS);
        return new Registration(
                entries, questions ? methods.questions() : null, questions ? methods.questionSecrets() : null);
    }

    static Registration decoy(Map<Method, Entry> entries, SecurityQuestionsCredentialData questions) {
        return new Registration(new EnumMap<>(entries), questions, null);
    }

    Map<Method, Entry> entries() {
        return entries;
    }

    /** Each method with its masked destination, for the gate machine. */
    Map<Method, String> masked() {
        Map<Method, String> masked = new EnumMap<>(Method.class);
        entries.forEach((method, entry) -> masked.put(method, entry.masked()));
        return masked;
    }

    SecurityQuestionsCredentialData questions() {
        return questions;
    }

    /** Null on the decoy path. */
    SecurityQuestionsSecretData questionSecrets() {
        return questionSecrets;
    }

    /** The methods the next gate offers ({@link Gates#offered}). */
    Map<Method, Entry> offered(List<Method> passed, int gatesRequired) {
        Map<Method, Entry> offered = new LinkedHashMap<>();
        Gates.offered(entries.keySet(), passed, gatesRequired).forEach(m -> offered.put(m, entries.get(m)));
        return offered;
    }

    /** Whether these methods can pass {@code gatesRequired} gates at all ({@link Gates#canPass}). */
    boolean canPass(int gatesRequired) {
        return Gates.canPass(entries.keySet(), gatesRequired);
    }
}
