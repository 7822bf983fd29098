package io.github.sspr.reset.machine;

import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.throttle.Decision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link GatePorts} for unit tests: answers as configured, and records every call and every event in order. Events
 * read {@code step} or {@code step|error|reason}, outcomes {@code outcome:name|step|error|reason}; calls read
 * {@code send:sms:true}, {@code attemptFailed:email} and so on.
 */
final class FakeGatePorts implements GatePorts {

    static final Decision OPEN = new Decision(true, null, 0, 5);

    static Decision blockedFor(long seconds) {
        return new Decision(false, "gate-blocked", seconds, 0);
    }

    static SendOutcome sent() {
        return new SendOutcome(SendOutcome.Status.SENT, null, 0, 4, 1_000L);
    }

    static SendOutcome outcome(SendOutcome.Status status, String reason, long retryAfterSeconds) {
        return new SendOutcome(status, reason, retryAfterSeconds, 0, 0);
    }

    final Map<Method, Decision> gates = new EnumMap<>(Method.class);
    final Map<Method, Decision> failures = new EnumMap<>(Method.class);
    final Map<Method, SendOutcome> sends = new EnumMap<>(Method.class);
    final Map<Method, String> parkedFailures = new EnumMap<>(Method.class);
    final Deque<List<String>> draws = new ArrayDeque<>();
    VerifyResult verifyResult = VerifyResult.WRONG;
    int triesLeft = 4;
    boolean phoneMatches;
    boolean answersRight;
    boolean factorValid;
    int recoveryCodesLeft = 7;

    final List<String> calls = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    /** The step reached (the {@link ResetNotes#STEP} note) when each event was recorded. */
    final List<String> reachedAtEvent = new ArrayList<>();

    private ResetNotes notes;

    /** Lets events record the step reached at the time they happen. */
    FakeGatePorts watching(ResetNotes notes) {
        this.notes = notes;
        return this;
    }

    @Override
    public Decision checkGate(Method method) {
        calls.add("checkGate:" + method.id());
        return gates.getOrDefault(method, OPEN);
    }

    /** Answers as {@link #checkGate} is configured: a blocked gate refuses the attempt. */
    @Override
    public Decision beginAttempt(Method method) {
        calls.add("beginAttempt:" + method.id());
        return gates.getOrDefault(method, OPEN);
    }

    @Override
    public Decision attemptFailed(Method method) {
        calls.add("attemptFailed:" + method.id());
        return failures.getOrDefault(method, OPEN);
    }

    @Override
    public void attemptUndone(Method method) {
        calls.add("attemptUndone:" + method.id());
    }

    @Override
    public SendOutcome send(Method method, boolean deliver) {
        calls.add("send:" + method.id() + ":" + deliver);
        return sends.getOrDefault(method, sent());
    }

    @Override
    public Optional<String> takeSendFailure(Method method) {
        calls.add("takeSendFailure:" + method.id());
        return Optional.ofNullable(parkedFailures.remove(method));
    }

    @Override
    public VerifyResult verifyCode(Method method, String input) {
        calls.add("verifyCode:" + method.id() + ":" + input);
        return verifyResult;
    }

    @Override
    public boolean factorValid(Method method, String input) {
        calls.add("factorValid:" + method.id() + ":" + input);
        return factorValid;
    }

    @Override
    public int recoveryCodesLeft() {
        calls.add("recoveryCodesLeft");
        return recoveryCodesLeft;
    }

    @Override
    public int triesLeft(Method method) {
        calls.add("triesLeft:" + method.id());
        return triesLeft;
    }

    @Override
    public boolean phoneMatches(Method method, String typed) {
        calls.add("phoneMatches:" + method.id() + ":" + typed);
        return phoneMatches;
    }

    @Override
    public Optional<List<String>> drawQuestions() {
        calls.add("drawQuestions");
        return Optional.ofNullable(draws.poll());
    }

    @Override
    public boolean answersRight(List<String> asked, Map<String, String> answers) {
        calls.add("answersRight:" + String.join(",", asked));
        return answersRight;
    }

    @Override
    public void burnAnswerCheck(Map<String, String> answers) {
        calls.add("burnAnswerCheck");
    }

    @Override
    public void step(String step, String error, String reason) {
        events.add(error == null && reason == null ? step : step + "|" + error + "|" + reason);
        reachedAtEvent.add(notes == null ? null : notes.stepReached());
    }

    @Override
    public void outcome(String outcome, String step, String error, String reason) {
        events.add("outcome:" + outcome + "|" + step + "|" + error + "|" + reason);
        reachedAtEvent.add(notes == null ? null : notes.stepReached());
    }

    /** The calls of one kind, e.g. {@code send}. */
    List<String> calls(String kind) {
        return calls.stream()
                .filter(c -> c.startsWith(kind + ":") || c.equals(kind))
                .toList();
    }
}
