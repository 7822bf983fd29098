package io.github.sspr.throttle;

/**
 * What the throttle tells once per limit hit (docs/throttles.md, "Events and metrics"): not once per refused request,
 * but when a block is set, a cap is reached in its window, or the daily message budget reaches a threshold. The
 * adapter turns them into a Keycloak event, a metric and, for the budget, a mail to the realm's admins.
 */
public interface LimitEvents {

    /** Tells nothing (unit tests, benchmarks). */
    LimitEvents NONE = new LimitEvents() {
        @Override
        public void limitHit(String rule, String userId, String target) {}

        @Override
        public void budgetReached(int percent, int budget) {}
    };

    /**
     * A limit was hit: a block was set, or a cap without a block was reached, the first time in its window.
     *
     * @param rule the rule's id, e.g. {@code phone-number-sends}
     * @param userId the account (or decoy pseudonym) whose request hit it; {@code null} for an address's limit
     * @param target the method id, the masked number, the country ({@code c:DE}) or {@code null}
     */
    void limitHit(String rule, String userId, String target);

    /** The realm's daily message budget of {@code budget} reached {@code percent} % today (once per day each). */
    void budgetReached(int percent, int budget);
}
