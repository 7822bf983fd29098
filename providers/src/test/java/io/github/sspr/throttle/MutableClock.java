package io.github.sspr.throttle;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A clock that tests move by hand, so nothing waits. */
final class MutableClock implements LongSupplier {

    private long now;

    MutableClock(long start) {
        this.now = start;
    }

    @Override
    public long getAsLong() {
        return now;
    }

    void advance(Duration by) {
        now += by.toMillis();
    }
}
