package io.github.sspr.delivery.guard;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background sends of one channel waiting or running on this node, bounded (docs/sms.md, "When the SMS provider
 * fails"): Keycloak's executors queue without limit, so the bound is kept here. A send reserves a place in the
 * request, before it is scheduled, and gives it back when it has run (or will never run); a full lane refuses at once,
 * so the user hears about it in the request rather than minutes later. Thread-safe.
 */
public final class SendLane {

    private final String executor;
    private final int capacity;
    private final AtomicInteger taken = new AtomicInteger();

    /**
     * @param executor the Keycloak-managed executor this lane's sends run on (one per channel)
     * @param capacity sends waiting or running at most (at least 1)
     */
    public SendLane(String executor, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.executor = executor;
        this.capacity = capacity;
    }

    /** The name of the executor ({@code ExecutorsProvider.getExecutor}) that runs this lane's sends. */
    public String executor() {
        return executor;
    }

    /** Whether a send asked for now would be refused, without reserving a place. */
    public boolean full() {
        return taken.get() >= capacity;
    }

    /** Reserves a place; {@code false} when the lane is full. */
    public boolean tryReserve() {
        while (true) {
            int now = taken.get();
            if (now >= capacity) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place reserved with {@link #tryReserve}. */
    public void release() {
        taken.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Sends waiting or running. */
    public int size() {
        return taken.get();
    }

    public int capacity() {
        return capacity;
    }
}
