package io.github.sspr.reset;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;

/**
 * Pads a reset step's decision to a floor, so that it takes as long on the decoy path as for an account
 * (docs/reset-identify.md). Used by the identify step (user lookup and its classification) and by each action of the
 * gates step (choose, verify, …: the account's path loads the user's credentials and hands a real code to the
 * delivery pipeline, the decoy's makes one up).
 *
 * <p>Why, at identify: a name Keycloak does not hold misses its store and then every federated directory (an LDAP
 * search each, about 3 ms with the demo directory), while a held name is answered from Keycloak's cache; a held name
 * that is not cached costs database reads instead (user, credentials, roles). Neither path is always the slower one,
 * so rather than imitate one with the other, every decision waits until the floor.
 *
 * <p>Where, in the request: at its very end, once the request's transaction has committed (or rolled back) and what
 * runs after the commit has run ({@link #padAtEnd}). The page is rendered and the transaction committed after the
 * decision, and those differ too: an account's flow commits a code, counters, an activity row and the send's hand-over;
 * a decoy's only its made-up state. Keycloak commits while the response is being written (its response writer closes
 * the session after serialising the page, before the response ends), so a wait there holds the answer back.
 *
 * <p>The floor is the 95th percentile of the slower of the two paths (an account that can reset; a decoy), each
 * tracked by a streaming quantile estimate over this node's recent decisions: 95 % of either kind then ends exactly
 * on the floor. One instance per node, held by the authenticator's factory (a performance estimate of this node, not
 * a security counter: nothing is decided from it).
 */
final class TimingFloor {

    /** The quantile of each path that the floor follows. */
    static final double QUANTILE = 0.95;
    /** Never wait longer than this, whatever was observed (a directory timing out must not hold every request). */
    static final long MAX_NANOS = 250_000_000L;
    /** Smallest step of the estimate (10 µs); otherwise a 64th of it, so the floor moves by about 1.5 % at a time. */
    private static final long MIN_STEP = 10_000L;

    private final AtomicLong account = new AtomicLong();
    private final AtomicLong decoy = new AtomicLong();
    private final LongSupplier clock;
    private final LongConsumer sleeper;

    TimingFloor() {
        this(System::nanoTime, LockSupport::parkNanos);
    }

    TimingFloor(LongSupplier clock, LongConsumer sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Nanos on this floor's clock, to pass to {@link #pad} once the decision is made. */
    long start() {
        return clock.getAsLong();
    }

    /**
     * Pads the request at the end of {@code transactions}: after the commit or the rollback and after every hook enlisted
     * for after it before this call, measuring from {@code started}. Call it last, once the page is rendered.
     *
     * @param decoy whether the name walks the decoy path
     */
    void padAtEnd(KeycloakTransactionManager transactions, long started, boolean decoy) {
        transactions.enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                pad(started, decoy);
            }

            @Override
            protected void rollbackImpl() {
                pad(started, decoy);
            }
        });
    }

    /**
     * Records how long the work that began at {@code started} took, then waits until the floor.
     *
     * @param decoy whether the name walks the decoy path
     */
    void pad(long started, boolean decoy) {
        long took = clock.getAsLong() - started;
        update(decoy ? this.decoy : this.account, took);
        long wait = floorNanos() - took;
        // parkNanos may return early (spuriously or on interrupt): wait out the rest, against the clock.
        while (wait > 0) {
            sleeper.accept(wait);
            wait = floorNanos() - (clock.getAsLong() - started);
        }
    }

    /** The current floor: the larger of the two paths' estimated 95th percentiles, capped. */
    long floorNanos() {
        return Math.min(MAX_NANOS, Math.max(account.get(), decoy.get()));
    }

    /** Frugal streaming quantile: up by q of a step above the estimate, down by (1 - q) below it. */
    private static void update(AtomicLong estimate, long observed) {
        estimate.updateAndGet(e -> {
            long step = Math.max(MIN_STEP, e / 64);
            long next = observed > e ? e + Math.round(step * QUANTILE) : e - Math.round(step * (1 - QUANTILE));
            return Math.max(0, Math.min(MAX_NANOS, next));
        });
    }
}
