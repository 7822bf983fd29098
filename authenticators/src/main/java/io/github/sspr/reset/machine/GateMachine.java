package io.github.sspr.reset.machine;

import io.github.sspr.access.rule.Gates;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.throttle.Decision;
import io.github.sspr.wording.Durations;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule of the reset's verification gates, without Keycloak (docs/architecture.md, "The reset flow"): which
 * methods the next gate offers, what counts as passed, when a gate blocks, when questions are drawn again, how a
 * resend and a phone-number confirmation behave, and what the decoy path shows. One instance serves one request; the
 * state lives in {@link ResetNotes}, side effects go through {@link GatePorts}, and each action returns the
 * {@link GateView} the adapter renders.
 *
 * <p>On the decoy path every step reads and answers as for a real account, but nothing is sent and nothing passes.
 */
public final class GateMachine {

    private final ResetNotes notes;
    private final Map<Method, String> available;
    private final boolean confirmPhoneNumber;
    private final GatePorts ports;

    /**
     * @param available the methods this person can use, each with its masked destination (or, for questions, how many
     *     are asked): a real user's usable methods, or the decoy's made-up ones
     * @param confirmPhoneNumber the policy asks for the full number before a text or a call
     */
    public GateMachine(ResetNotes notes, Map<Method, String> available, boolean confirmPhoneNumber, GatePorts ports) {
        this.notes = notes;
        this.available = available.isEmpty() ? Map.of() : new EnumMap<>(available);
        this.confirmPhoneNumber = confirmPhoneNumber;
        this.ports = ports;
    }

    /** The step is entered: on to the next step when every gate passed, else the page of the gate in hand. */
    public GateView enter() {
        if (notes.gatesDone() && !notes.isDecoy()) {
            return GateView.end(GateView.Kind.PASSED, null);
        }
        return current(null);
    }

    /** The page of the gate in hand, or the chooser when none is. */
    public GateView current(Msg message) {
        Optional<Method> method = notes.currentMethod();
        if (method.isEmpty()) {
            return chooser(message, false);
        }
        return switch (method.get()) {
            case QUESTIONS ->
                notes.asked().isEmpty()
                        ? drawQuestions(message, false)
                        : GateView.page(GateView.Kind.QUESTIONS, message, false);
            case SMS, VOICE ->
                confirmPhoneNumber && notes.get(ResetNotes.PHONE_CONFIRMED) == null
                        ? GateView.page(GateView.Kind.PHONE, message, false)
                        : codePage(method.get(), message, false);
            case PASSKEY, OTP, RECOVERY_CODES -> GateView.page(GateView.Kind.FACTOR, message, false);
            default -> codePage(method.get(), message, false);
        };
    }

    /** The user picked a method for this gate; picking never passes it. */
    public GateView choose(String methodId) {
        Optional<Method> method = Method.fromId(methodId == null ? "" : methodId);
        if (method.isEmpty() || !offered().contains(method.get())) {
            return chooser(Msg.error("method", "sspr.reset.error.methodUnavailable"), true);
        }
        Decision gate = ports.checkGate(method.get());
        if (!gate.allowed()) {
            // The account's gate is blocked; or a phone's number, country or the realm's day is at its cap
            // (docs/throttles.md), which says nothing about the account's attempts.
            return chooser(
                    Decision.GATE_BLOCKED.equals(gate.rule())
                            ? Msg.error(
                                    "method",
                                    "sspr.reset.error.methodBlocked",
                                    Durations.ofMinutes(minutes(gate.retryAfterSeconds())))
                            : Msg.error("method", "sspr.reset.error.cannotSend"),
                    true);
        }
        notes.leaveGate();
        notes.set(ResetNotes.METHOD, method.get().id());
        notes.set(ResetNotes.STEP, "gate-" + method.get().id());
        ports.step("gate-chosen", null, null);
        return switch (method.get()) {
            case EMAIL -> sendCode(Method.EMAIL, true);
            case SMS, VOICE ->
                confirmPhoneNumber ? GateView.page(GateView.Kind.PHONE, null, false) : sendCode(method.get(), true);
            case QUESTIONS -> drawQuestions(null, false);
            // Nothing is sent: the code comes from the user's own app or sheet.
            case PASSKEY, OTP, RECOVERY_CODES -> GateView.page(GateView.Kind.FACTOR, null, false);
        };
    }

    /**
     * The policy asks for the full number before a text or call. A number that does not match is treated like the
     * decoy: a code is made but not sent, and the page reads the same ("if this is your number, we sent a code"). It
     * also counts as a failed verification.
     */
    public GateView confirmPhone(String typed) {
        Optional<Method> method = notes.currentMethod();
        if (method.isEmpty() || method.get().factor() != Method.Factor.PHONE) {
            return current(null);
        }
        // Counted before the comparison, so that racing requests on several nodes cannot compare more than the cap.
        Decision gate = ports.beginAttempt(method.get());
        if (!gate.allowed()) {
            return blocked(gate.rule(), gate.retryAfterSeconds());
        }
        boolean matches = ports.phoneMatches(method.get(), typed);
        if (matches) {
            ports.attemptUndone(method.get());
        } else {
            Decision decision = ports.attemptFailed(method.get());
            ports.step("gate-failed", "sspr_phone_mismatch", "phone number does not match");
            if (!decision.allowed()) {
                return blocked(decision.rule(), decision.retryAfterSeconds());
            }
        }
        notes.set(ResetNotes.PHONE_CONFIRMED, matches ? "1" : "0");
        return sendCode(method.get(), matches);
    }

    /** "Send a new code": the same method again, subject to the cooldown and the caps. */
    public GateView resend() {
        Optional<Method> method = notes.currentMethod();
        if (method.isEmpty() || method.get() == Method.QUESTIONS || method.get().keycloakFactor()) {
            return current(null);
        }
        boolean deliver = !confirmPhoneNumber
                || method.get() == Method.EMAIL
                || "1".equals(notes.get(ResetNotes.PHONE_CONFIRMED));
        return sendCode(method.get(), deliver);
    }

    /** The user typed a code. On the decoy path no code was sent: even a lucky guess of the unsent code fails. */
    public GateView verify(String input) {
        Optional<Method> method = notes.currentMethod();
        if (method.isEmpty() || method.get() == Method.QUESTIONS) {
            return current(null);
        }
        // Counted before the comparison, so that racing requests on several nodes cannot compare more than the cap.
        Decision gate = ports.beginAttempt(method.get());
        if (!gate.allowed()) {
            return blocked(gate.rule(), gate.retryAfterSeconds());
        }
        if (method.get().keycloakFactor()) {
            return verifyFactor(method.get(), input);
        }
        VerifyResult result = ports.verifyCode(method.get(), input);
        if (result == VerifyResult.VALID && !notes.isDecoy()) {
            ports.attemptUndone(method.get());
            return passed(method.get());
        }
        if (result == VerifyResult.VALID || result == VerifyResult.WRONG) {
            Decision decision = ports.attemptFailed(method.get());
            ports.step("gate-failed", "invalid_code", "wrong code");
            if (!decision.allowed()) {
                return blocked(decision.rule(), decision.retryAfterSeconds());
            }
            int left = ports.triesLeft(method.get());
            Msg error = left > 0
                    ? Msg.error("code", "sspr.reset.error.codeWrong", left)
                    : Msg.error("code", "sspr.reset.error.codeDead");
            return codePage(method.get(), error, true);
        }
        // No comparison was made (no code, expired or dead): the attempt does not count.
        ports.attemptUndone(method.get());
        String key = switch (result) {
            case EXPIRED -> "sspr.reset.error.codeExpired";
            case TOO_MANY_TRIES -> "sspr.reset.error.codeDead";
            default -> "sspr.reset.error.codeMissing";
        };
        ports.step("gate-failed", "expired_code", result.name().toLowerCase(Locale.ROOT));
        // Through the code page, so that a send that failed in the background is reported here too.
        return GateView.expiredCode(
                codePage(method.get(), Msg.error("code", key), true).message());
    }

    /**
     * The user answered the drawn questions. A wrong set never says which answer was wrong, and draws again so that a
     * guesser cannot work on a fixed set. The decoy pays for one answer check too, so that it takes as long.
     */
    public GateView answer(Map<String, String> answersByQuestion) {
        List<String> asked = notes.asked();
        if (notes.currentMethod().orElse(null) != Method.QUESTIONS || asked.isEmpty()) {
            return current(null);
        }
        // Counted before the comparison, so that racing requests on several nodes cannot compare more than the cap.
        Decision gate = ports.beginAttempt(Method.QUESTIONS);
        if (!gate.allowed()) {
            return blocked(gate.rule(), gate.retryAfterSeconds());
        }
        boolean right;
        if (notes.isDecoy()) {
            ports.burnAnswerCheck(answersByQuestion);
            right = false;
        } else {
            right = ports.answersRight(asked, answersByQuestion);
        }
        if (right) {
            ports.attemptUndone(Method.QUESTIONS);
            return passed(Method.QUESTIONS);
        }
        Decision decision = ports.attemptFailed(Method.QUESTIONS);
        ports.step("gate-failed", "invalid_answers", "wrong answers");
        if (!decision.allowed()) {
            return blocked(decision.rule(), decision.retryAfterSeconds());
        }
        return drawQuestions(Msg.error(null, "sspr.reset.error.answersWrong"), true);
    }

    /** "Try another way": back to the chooser of the same gate. */
    public GateView other() {
        notes.leaveGate();
        ports.step("other-way", null, null);
        return chooser(null, false);
    }

    /** The user gives up. */
    public GateView cancel() {
        ports.outcome("cancelled", notes.stepReached(), null, null);
        return GateView.end(GateView.Kind.END_INFO, Msg.info("sspr.reset.cancelled"));
    }

    /** The methods the next gate offers. */
    public List<Method> offered() {
        return Gates.offered(available.keySet(), notes.passed(), notes.gatesRequired(), notes.mustPass());
    }

    // ------------------------------------------------------------------------------------------------------- steps

    /**
     * A code from the user's own Keycloak factor, checked by Keycloak ({@link GatePorts#factorValid}). The decoy path
     * pays for the same check and never passes. A wrong code counts against the gate like a wrong emailed code; there is
     * no per-code try count (the app shows a new code every period, a recovery code is asked in order).
     */
    private GateView verifyFactor(Method method, String input) {
        boolean valid = ports.factorValid(method, input);
        if (valid && !notes.isDecoy()) {
            ports.attemptUndone(method);
            if (method == Method.RECOVERY_CODES) {
                notes.set(ResetNotes.CODES_LEFT, Integer.toString(Math.max(0, ports.recoveryCodesLeft())));
            }
            return passed(method);
        }
        Decision decision = ports.attemptFailed(method);
        ports.step("gate-failed", "invalid_code", method == Method.PASSKEY ? "passkey not verified" : "wrong code");
        if (!decision.allowed()) {
            return blocked(decision.rule(), decision.retryAfterSeconds());
        }
        return GateView.page(
                GateView.Kind.FACTOR, Msg.error("code", "sspr.reset.error.factorWrong." + method.id()), true);
    }

    private GateView passed(Method method) {
        notes.markPassed(method);
        notes.leaveGate();
        // The step reached is set before the event, so that a flow abandoned on the next page is counted there.
        boolean done = notes.gatesDone();
        if (done) {
            notes.set(ResetNotes.STEP, notes.stepAfterGates());
        }
        ports.step("gate-passed", null, null);
        return done ? GateView.end(GateView.Kind.PASSED, null) : chooser(Msg.info("sspr.reset.nextGate"), false);
    }

    /** Whole minutes, rounded up: a block is said in minutes or more ("24 hours"), never "45 seconds". */
    public static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    private GateView blocked(String rule, long retryAfterSeconds) {
        ports.step("blocked", "sspr_blocked", rule);
        ports.outcome("blocked", notes.stepReached(), "sspr_blocked", rule);
        return GateView.end(
                GateView.Kind.END_ERROR,
                Msg.error(null, "sspr.reset.error.blocked", Durations.ofMinutes(minutes(retryAfterSeconds))));
    }

    private GateView sendCode(Method method, boolean deliver) {
        SendOutcome sent = ports.send(method, deliver);
        switch (sent.status()) {
            case COOLDOWN -> {
                return codePage(
                        method,
                        Msg.error("code", "sspr.reset.error.cooldown", Durations.ofSeconds(sent.retryAfterSeconds())),
                        false);
            }
            case SEND_LIMIT -> {
                ports.step("send-refused", "sspr_send_limit", "send_limit");
                ports.outcome("failed", notes.stepReached(), "sspr_send_limit", "send_limit");
                return GateView.end(GateView.Kind.END_ERROR, Msg.error(null, "sspr.reset.error.sendLimit"));
            }
            case BLOCKED -> {
                return blocked(sent.reason(), sent.retryAfterSeconds());
            }
            case REFUSED -> {
                // A cap on the number or its country (toll-fraud guard): another method may still work.
                ports.step("send-refused", "sspr_send_refused", sent.reason());
                notes.set(ResetNotes.METHOD, null);
                return chooser(Msg.error("method", "sspr.reset.error.cannotSend"), true);
            }
            case FAILED -> {
                ports.step("send-failed", "sspr_send_failed", sent.reason());
                return codePage(method, Msg.error("code", "sspr.reset.error.sendFailed"), false);
            }
            case UNAVAILABLE -> {
                // The provider is paused or the channel's lane is full: said at once, other methods offered.
                ports.step("send-refused", "sspr_send_unavailable", sent.reason());
                notes.set(ResetNotes.METHOD, null);
                return chooser(Msg.error("method", "sspr.reset.error.unavailable"), true);
            }
            default -> {
                notes.set(ResetNotes.STEP, "code-" + method.id());
                ports.step("code-sent", null, null);
                String masked = available.getOrDefault(method, "");
                Msg info = method != Method.EMAIL && confirmPhoneNumber
                        ? Msg.info("sspr.reset.codeSentIfMatches", masked)
                        : Msg.info("sspr.reset.codeSent." + method.id(), masked);
                return codePage(method, info, false);
            }
        }
    }

    /**
     * The code page. A send that failed in the background is reported here once, at whatever the user does next, in
     * place of any other message: a person whose code never arrived clicks "Send a new code" or guesses, and "wait 20
     * seconds" or "not right" would hide the one thing they need to know. The event tells the admin why.
     */
    private GateView codePage(Method method, Msg message, boolean failure) {
        Optional<String> sendFailure = ports.takeSendFailure(method);
        if (sendFailure.isPresent()) {
            ports.step("send-failed", "sspr_send_failed", sendFailure.get());
            // A number that cannot receive, or a channel that cannot send now: a new code would not arrive either.
            boolean cannotReceive = SendOutcome.numberCannotReceive(sendFailure.get());
            if (cannotReceive || SendOutcome.channelUnavailable(sendFailure.get())) {
                notes.set(ResetNotes.METHOD, null);
                return chooser(
                        Msg.error(
                                "method",
                                cannotReceive ? "sspr.reset.error.cannotReceive" : "sspr.reset.error.unavailable"),
                        true);
            }
            message = Msg.error("code", "sspr.reset.error.sendFailed");
        }
        return GateView.page(GateView.Kind.CODE, message, failure);
    }

    private GateView drawQuestions(Msg message, boolean failure) {
        Optional<List<String>> drawn = ports.drawQuestions();
        if (drawn.isEmpty()) {
            notes.set(ResetNotes.METHOD, null);
            return chooser(Msg.error("method", "sspr.reset.error.methodUnavailable"), true);
        }
        notes.set(ResetNotes.ASKED, String.join(",", drawn.get()));
        return GateView.page(GateView.Kind.QUESTIONS, message, failure);
    }

    private GateView chooser(Msg message, boolean failure) {
        List<Method> offered = offered();
        List<GateView.Option> options = new ArrayList<>();
        long soonest = Long.MAX_VALUE;
        for (Method method : offered) {
            Decision gate = ports.checkGate(method);
            long blocked = gate.allowed() ? 0 : Math.max(1, gate.retryAfterSeconds());
            options.add(new GateView.Option(
                    method,
                    available.getOrDefault(method, ""),
                    blocked,
                    blocked > 0 && !Decision.GATE_BLOCKED.equals(gate.rule())));
            soonest = Math.min(soonest, blocked);
        }
        if (soonest > 0) {
            // Nothing is open (or nothing is offered at all): the flow ends, saying when to come back.
            return blocked(Decision.GATE_BLOCKED, soonest == Long.MAX_VALUE ? 60 : soonest);
        }
        // One "gate offered" event per gate (not per page view), naming the methods offered.
        String offeredNote = ResetNotes.OFFERED + notes.passed().size();
        if (notes.get(offeredNote) == null) {
            notes.set(offeredNote, "1");
            ports.step(
                    "gate-offered",
                    null,
                    String.join(",", offered.stream().map(Method::id).toList()));
        }
        return GateView.chooser(options, message, failure);
    }
}
