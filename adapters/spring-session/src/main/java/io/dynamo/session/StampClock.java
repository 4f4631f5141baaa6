package io.dynamo.session;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues {@link Stamp}s of one writer: strictly increasing, ahead of the wall clock's microseconds
 * and of every time {@link #observe observed}, so that a write stamps later than any version its
 * request read even when another instance's clock runs ahead (a hybrid logical clock).
 */
final class StampClock {
    private final Clock clock;
    private final long writer;
    private final AtomicLong last = new AtomicLong();

    StampClock(Clock clock, long writer) {
        this.clock = clock;
        this.writer = writer;
    }

    Stamp next() {
        long wall = clock.millis() * 1000;
        return new Stamp(last.updateAndGet(previous -> Math.max(previous + 1, wall)), writer);
    }

    void observe(long time) {
        last.accumulateAndGet(time, Math::max);
    }

    Clock clock() {
        return clock;
    }
}
