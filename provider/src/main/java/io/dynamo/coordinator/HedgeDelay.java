package io.dynamo.coordinator;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How long a get waits for the replicas it asked before it asks the next one (a hedged request):
 * one slow replica then costs a read this delay, not its whole timeout. Dynamo's coordinator asks
 * all N and waits for R (paper §5); asking R-1 besides itself and hedging sends fewer messages, and
 * keeps the tail low as long as the delay is near the usual round trip. Thread-safe.
 */
public interface HedgeDelay {
    /** The delay now; empty when reads never hedge (a replica is replaced only when it fails or times out). */
    OptionalLong nanos();

    /** A replica read answered after {@code nanos}: a delay that follows the replicas learns from it. */
    void observe(long nanos);

    /** No hedge: the next replica is asked only when one asked fails, times out or is held down. */
    static HedgeDelay off() {
        return Fixed.OFF;
    }

    /** Always this delay. */
    static HedgeDelay fixed(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("a hedge delay must be positive, got " + delay);
        }
        return new Fixed(OptionalLong.of(delay.toNanos()));
    }

    /** The observed 95th percentile of replica reads' round trips ({@link ObservedDelay}). */
    static HedgeDelay observed() {
        return new ObservedDelay();
    }

    /** A delay that does not change. */
    record Fixed(OptionalLong nanos) implements HedgeDelay {
        private static final Fixed OFF = new Fixed(OptionalLong.empty());

        @Override
        public void observe(long nanos) {
            // a fixed delay learns nothing
        }
    }
}
