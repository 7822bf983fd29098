package io.github.sspr.registration.machine;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link RegistrationPorts} for unit tests: answers as configured, and records every call in order, e.g.
 * {@code send:phone:+16502530000:sms} or {@code refused:email|sspr_invalid_destination|{reason=invalid_email}}.
 */
final class FakeRegistrationPorts implements RegistrationPorts {

    /** The questions the user chooses from (id to the text they read). */
    static final Map<String, String> QUESTIONS = new TreeMap<>(Map.of(
            "pet", "What was the name of your first pet?",
            "city", "In which city were you born?",
            "school", "What was your first school?",
            "food", "What is your favourite food?"));

    ResetAccess access = ready(SsprPolicy.defaults(), Method.EMAIL);
    SendOutcome sendOutcome = new SendOutcome(SendOutcome.Status.SENT, null, 0, 4, 1_000L);
    VerifyResult verifyResult = VerifyResult.VALID;
    final List<String> calls = new ArrayList<>();
    /** Keycloak factors whose set-up action the user queued. */
    final Set<Method> queued = new java.util.HashSet<>();

    /** What the policy-for-user rule says of a user holding {@code held} (each confirmed at time 1). */
    static ResetAccess ready(SsprPolicy policy, Method... held) {
        Map<Method, Long> methods = new LinkedHashMap<>();
        for (Method m : held) {
            methods.put(m, 1L);
        }
        return ResetAccess.decide(policy, new ResetAccess.Facts(true, false, methods, "US"));
    }

    @Override
    public boolean factorQueued(Method method) {
        return queued.contains(method);
    }

    @Override
    public ResetAccess access() {
        calls.add("access");
        return access;
    }

    @Override
    public SendOutcome send(RecoveryCredential kind, String destination, Method method) {
        calls.add("send:" + kind.id() + ":" + destination + ":" + method.id());
        return sendOutcome;
    }

    @Override
    public void discardCode(RecoveryCredential kind) {
        calls.add("discardCode:" + kind.id());
    }

    @Override
    public VerifyResult verify(RecoveryCredential kind, String code) {
        calls.add("verify:" + kind.id() + ":" + code);
        return verifyResult;
    }

    @Override
    public void saveDestination(RecoveryCredential kind, String destination, String channel) {
        calls.add("saveDestination:" + kind.id() + ":" + destination + ":" + channel);
    }

    @Override
    public void saveQuestions(Map<String, String> answers, int questionsToAnswer) {
        calls.add("saveQuestions:" + answers + ":" + questionsToAnswer);
    }

    @Override
    public void remove(RecoveryCredential kind) {
        calls.add("remove:" + kind.id());
    }

    @Override
    public void confirm(Set<RecoveryCredential> kinds) {
        calls.add("confirm:" + kinds.stream().map(RecoveryCredential::id).toList());
    }

    @Override
    public void refused(RecoveryCredential kind, String error, Map<String, String> details) {
        calls.add("refused:" + (kind == null ? "-" : kind.id()) + "|" + error + "|" + details);
    }

    @Override
    public Map<String, String> questionTexts() {
        return QUESTIONS;
    }

    /** The calls of one kind, e.g. {@code refused}. */
    List<String> calls(String kind) {
        return calls.stream()
                .filter(c -> c.startsWith(kind + ":") || c.equals(kind))
                .toList();
    }

    @Override
    public io.github.sspr.credentials.questions.QuestionRegistrationValidator.Account questionAccount() {
        return io.github.sspr.credentials.questions.QuestionRegistrationValidator.Account.NONE;
    }
}
