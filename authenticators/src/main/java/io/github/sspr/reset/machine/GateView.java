package io.github.sspr.reset.machine;

import io.github.sspr.flow.Msg;
import io.github.sspr.policy.Method;
import java.util.List;

/**
 * What the gates step answers, decided by {@link GateMachine} and carried out by the Keycloak adapter.
 *
 * @param kind which answer
 * @param message the page's message, or {@code null}
 * @param failure whether the answer counts as a failed attempt for Keycloak ({@code failureChallenge})
 * @param expired with {@code failure}: the failure is an expired or dead code rather than a wrong one
 * @param options with {@link Kind#CHOOSER}: the methods offered for this gate
 */
public record GateView(Kind kind, Msg message, boolean failure, boolean expired, List<Option> options) {

    public enum Kind {
        /** "How do you want to verify?": the methods of the next gate. */
        CHOOSER,
        /** Type the code we sent. */
        CODE,
        /** A factor of the user's own: a code from the app, the next recovery code, or the passkey ceremony. */
        FACTOR,
        /** Type your full phone number first. */
        PHONE,
        /** Answer the drawn questions. */
        QUESTIONS,
        /** Every gate passed: on to the next step of the flow. */
        PASSED,
        /** The flow ends with an error message on the sign-in page. */
        END_ERROR,
        /** The flow ends with an information message on the sign-in page (cancelled). */
        END_INFO
    }

    /**
     * One method on the chooser.
     *
     * @param masked the masked destination, or for questions how many are asked
     * @param blockedSeconds 0 when open, else how long the gate stays blocked
     */
    /**
     * One method on the chooser.
     *
     * @param blockedSeconds how long it cannot be used (0: it can)
     * @param capped it cannot be used because its phone number, country or the realm's day is at its cap
     *     (docs/throttles.md), not because of the account's attempts
     */
    public record Option(Method method, String masked, long blockedSeconds, boolean capped) {

        public Option(Method method, String masked, long blockedSeconds) {
            this(method, masked, blockedSeconds, false);
        }

        public boolean blocked() {
            return blockedSeconds > 0;
        }
    }

    static GateView page(Kind kind, Msg message, boolean failure) {
        return new GateView(kind, message, failure, false, List.of());
    }

    static GateView chooser(List<Option> options, Msg message, boolean failure) {
        return new GateView(Kind.CHOOSER, message, failure, false, List.copyOf(options));
    }

    static GateView expiredCode(Msg message) {
        return new GateView(Kind.CODE, message, true, true, List.of());
    }

    static GateView end(Kind kind, Msg message) {
        return new GateView(kind, message, false, false, List.of());
    }
}
