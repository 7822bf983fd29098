package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;

class TimingFloorTest {

    /** A clock that only moves when the work or the floor's waiting moves it. */
    private static final class FakeTime {
        long now;
        long slept;
        /** How much of each requested wait a sleep really lasts (parkNanos may return early). */
        double sleepFraction = 1;

        final TimingFloor floor = new TimingFloor(() -> now, nanos -> {
            long d = Math.max(1, (long) (nanos * sleepFraction));
            now += d;
            slept += d;
        });

        /** One decision whose own work takes {@code workNanos}; returns how long it took in all. */
        long decide(long workNanos, boolean decoy) {
            long started = floor.start();
            now += workNanos;
            floor.pad(started, decoy);
            return now - started;
        }
    }

    /**
     * Accounts and decoys with different lookup costs (ms: typical, spread), interleaved: after a warm-up, both kinds
     * take the same time in most decisions, and what an observer sees is distributed alike up to the 80th percentile.
     */
    @ParameterizedTest(name = "[{index}] account {0}±{1} ms, decoy {2}±{3} ms")
    @CsvSource({
        // the case: an unknown name pays a directory search an account does not
        "1.0, 0.3, 4.0, 0.6",
        // cold accounts: database reads make the account the slower path
        "5.0, 1.0, 3.0, 0.5",
        "2.0, 0.5, 2.0, 0.5",
    })
    void afterWarmUpBothKindsEndOnTheSameFloor(
            double accountMs, double accountSpread, double decoyMs, double decoySpread) {
        FakeTime time = new FakeTime();
        Random random = new Random(20);
        List<Long> accounts = new ArrayList<>();
        List<Long> decoys = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            long a = time.decide(work(random, accountMs, accountSpread), false);
            long d = time.decide(work(random, decoyMs, decoySpread), true);
            if (i >= 1500) {
                accounts.add(a);
                decoys.add(d);
            }
        }
        // The floor keeps learning, so equal means within 50 µs (a thousandth of a millisecond per step of estimate).
        for (double q : new double[] {0.1, 0.5, 0.8}) {
            assertEquals(quantile(accounts, q), quantile(decoys, q), 50_000, "quantile " + q + " an observer sees");
        }
        long floor = time.floor.floorNanos();
        long near =
                accounts.stream().filter(t -> Math.abs(t - floor) < floor / 20).count();
        assertTrue(near >= accounts.size() * 0.75, near + " of " + accounts.size() + " accounts on the floor");
        double slowerMs = Math.max(accountMs, decoyMs);
        assertTrue(
                floor > slowerMs * 1e6 && floor < (slowerMs + 3 * Math.max(accountSpread, decoySpread)) * 1e6,
                "floor near the slower path's 95th percentile: " + floor / 1e6 + " ms");
    }

    @Test
    void aHungDirectoryCannotPushTheFloorPastItsCap() {
        FakeTime time = new FakeTime();
        for (int i = 0; i < 1000; i++) {
            time.decide(10_000_000_000L, true);
        }
        assertEquals(TimingFloor.MAX_NANOS, time.floor.floorNanos());
        assertEquals(TimingFloor.MAX_NANOS, time.decide(1_000_000, false), "a fast answer waits only to the cap");
    }

    @Test
    void anEarlyWakeUpWaitsOutTheRest() {
        FakeTime time = new FakeTime();
        for (int i = 0; i < 400; i++) {
            time.decide(4_000_000, true);
        }
        long floor = time.floor.floorNanos();
        time.sleepFraction = 0.3;
        long took = time.decide(1_000_000, false);
        assertTrue(took >= floor, took + " < " + floor);
    }

    @Test
    void nothingIsPaddedBeforeAnythingWasObserved() {
        FakeTime time = new FakeTime();
        time.decide(1_000_000, false);
        assertEquals(0, time.slept);
    }

    /**
     * The wait happens at the end of the request's transaction: after the commit (or the rollback) and after the hooks
     * enlisted before it (the activity listener's row, the send's hand-over), so that their cost is padded too.
     */
    @ParameterizedTest(name = "[{index}] commit={0}")
    @CsvSource({"true", "false"})
    void theRequestIsPaddedAfterItsTransactionAndItsEarlierHooks(boolean commit) {
        FakeTime time = new FakeTime();
        for (int i = 0; i < 400; i++) {
            time.decide(4_000_000, true);
        }
        long floor = time.floor.floorNanos();
        long sleptBefore = time.slept;
        // Keycloak's transaction manager runs the after-completion hooks in the order they were enlisted, after the
        // commit or the rollback (DefaultKeycloakTransactionManager); this one records them for the test to run so.
        List<KeycloakTransaction> hooks = new ArrayList<>();
        KeycloakTransactionManager transactions = (KeycloakTransactionManager) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KeycloakTransactionManager.class}, (proxy, m, args) -> {
                    assertEquals("enlistAfterCompletion", m.getName());
                    hooks.add((KeycloakTransaction) args[0]);
                    return null;
                });
        long hook = 1_500_000;
        transactions.enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                time.now += hook;
            }

            @Override
            protected void rollbackImpl() {
                time.now += hook;
            }
        });
        long started = time.floor.start();
        time.now += 1_000_000; // the decision and the page
        time.floor.padAtEnd(transactions, started, false);
        assertEquals(sleptBefore, time.slept, "nothing waits before the transaction ends");
        for (KeycloakTransaction tx : hooks) {
            tx.begin();
            if (commit) {
                tx.commit();
            } else {
                tx.rollback();
            }
        }
        long took = time.now - started;
        assertTrue(took >= floor && took < floor + 100_000, took + " vs floor " + floor);
        assertEquals(
                floor - 2_500_000, time.slept - sleptBefore, 100_000, "the hook's time was counted, not waited again");
    }

    private static long work(Random random, double ms, double spread) {
        return Math.max(100_000, (long) ((ms + random.nextGaussian() * spread) * 1e6));
    }

    private static long quantile(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) (q * (sorted.size() - 1)));
    }
}
