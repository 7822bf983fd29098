package io.github.sspr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The hand-over of after-commit work to the dispatch pool: never at the commit itself, which Keycloak runs while it
 * still writes the response (bench/reset-timing.md measured what starting there cost a real account's reset page).
 */
class AfterCommitTest {

    @Test
    void aTaskIsNotHandedToThePoolAtTheCommit() {
        CountDownLatch handedOver = new CountDownLatch(1);
        // A pool that would run the task on the spot: only the delay keeps it off the committing thread.
        AfterCommit.startLater(task -> handedOver.countDown(), TimeUnit.MINUTES.toMillis(10), "test")
                .execute(() -> {});
        assertEquals(1, handedOver.getCount(), "handed to the pool before the delay");
    }

    @Test
    void aTaskIsHandedToThePoolAfterTheDelayOnAnotherThread() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> runner = new AtomicReference<>();
        AfterCommit.startLater(Runnable::run, 1, "test").execute(() -> {
            runner.set(Thread.currentThread());
            ran.countDown();
        });
        assertTrue(ran.await(30, TimeUnit.SECONDS), "never handed over");
        assertNotSame(Thread.currentThread(), runner.get());
    }

    @Test
    void aPoolThatRefusesTheTaskLaterDoesNotThrowAtTheCommit() throws InterruptedException {
        CountDownLatch refused = new CountDownLatch(1);
        AfterCommit.startLater(
                        task -> {
                            refused.countDown();
                            throw new RejectedExecutionException("full");
                        },
                        1,
                        "test")
                .execute(() -> {});
        assertTrue(refused.await(30, TimeUnit.SECONDS), "the pool was never asked");
    }
}
