package io.github.sspr.reset.machine;

import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.throttle.Decision;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link GateMachine} needs from the world: the throttle, the code pipeline, the question scheme and the event
 * log. The Keycloak adapter implements it over the request; unit tests implement it with fakes.
 */
public interface GatePorts {

    /** Whether the account's gate for {@code method} is open ({@code Throttle.checkGate}); only reads. */
    Decision checkGate(Method method);

    /**
     * Counts a verification at {@code method} <em>before</em> its answer is compared ({@code Throttle.attemptGate}),
     * atomically across the cluster; refused when the gate is blocked or this attempt is over the limit. An allowed
     * attempt is then ended with {@link #attemptFailed} or {@link #attemptUndone} (docs/cluster.md).
     */
    Decision beginAttempt(Method method);

    /** The attempt's answer was wrong: it stays counted; refused when that blocks the gate. */
    Decision attemptFailed(Method method);

    /** The attempt's answer was right, or was not compared: its count is taken back. */
    void attemptUndone(Method method);

    /**
     * Sends a code for {@code method} through the delivery pipeline.
     *
     * @param deliver whether it may leave (false: the decoy path, or a phone number the user did not confirm)
     */
    SendOutcome send(Method method, boolean deliver);

    /** Why the last background send for {@code method} failed, reported once; empty when it did not. */
    Optional<String> takeSendFailure(Method method);

    /** Checks a typed code for {@code method}. */
    VerifyResult verifyCode(Method method, String input);

    /**
     * Whether {@code input} is a right code of the user's own Keycloak factor {@code method} ({@link
     * Method#keycloakFactor()}), decided by Keycloak's credential provider (which refuses a replayed authenticator code
     * and consumes a recovery code). On the decoy path: the same cost, never right.
     */
    boolean factorValid(Method method, String input);

    /** After a recovery code passed: how many are left. */
    int recoveryCodesLeft();

    /** Wrong tries left on the current code of {@code method}. */
    int triesLeft(Method method);

    /** Whether {@code typed} is the full registered number for {@code method} (compared in constant time). */
    boolean phoneMatches(Method method, String typed);

    /** Draws the questions to ask (ids); empty when none can be drawn. */
    Optional<List<String>> drawQuestions();

    /** Whether the answers to {@code asked} are right (one password-hash's cost). */
    boolean answersRight(List<String> asked, Map<String, String> answers);

    /** Spends the time a real answer check costs, for the decoy path. */
    void burnAnswerCheck(Map<String, String> answers);

    /** A funnel step event ({@code error == null}: a success event). */
    void step(String step, String error, String reason);

    /** The flow's one terminal outcome event. */
    void outcome(String outcome, String step, String error, String reason);
}
