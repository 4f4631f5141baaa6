package io.dynamo.coordinator;

import java.util.function.LongSupplier;

/**
 * What a coordinator's gets need to hedge: the delay, the timer that fires it, and the clock that
 * times replica reads for a delay that follows them ({@code System::nanoTime} in a node).
 */
public record Hedging(HedgeDelay delay, ReadTimer timer, LongSupplier nanoTime) {
    public Hedging {
        if (delay == null || timer == null || nanoTime == null) {
            throw new IllegalArgumentException("hedging needs a delay, a timer and a clock");
        }
    }

    /** Gets that never hedge: the next replica is asked only when one fails, times out or is held down. */
    public static Hedging off() {
        return new Hedging(HedgeDelay.off(), ReadTimer.NEVER, System::nanoTime);
    }
}
