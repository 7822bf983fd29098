package io.github.sspr.testing;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A clock that tests move by hand, so nothing waits. */
public final class MutableClock implements LongSupplier {

    private long now;

    public MutableClock(long start) {
        this.now = start;
    }

    @Override
    public long getAsLong() {
        return now;
    }

    public void advance(Duration by) {
        now += by.toMillis();
    }

    public void set(long millis) {
        now = millis;
    }
}
