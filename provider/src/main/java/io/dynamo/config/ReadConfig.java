package io.dynamo.config;

import java.time.Duration;
import java.util.Locale;

/**
 * How a get asks the key's replicas. Its coordinator reads its own replica and asks R-1 other
 * primaries (paper §4.5 needs R replies, not N), and asks the next one at once when one fails or is
 * held down. {@code hedge-delay} says when it also asks the next one because those asked are slow
 * (a hedged request): {@code auto}, after the observed 95th percentile of replica reads;
 * a fixed duration; or {@code off}, never (only upon a failure or a timeout).
 */
public record ReadConfig(Hedge hedge, Duration hedgeDelay) implements NodeConfig.Part {
    /** When a get asks one more replica than it needs. */
    public enum Hedge {
        AUTO,
        FIXED,
        OFF
    }

    public ReadConfig {
        Check.given("hedge", hedge);
        Check.given("hedge-delay", hedgeDelay);
        if (hedge == Hedge.FIXED) {
            Check.positive("hedge-delay", hedgeDelay);
        } else if (!hedgeDelay.isZero()) {
            throw new IllegalArgumentException("hedge-delay " + hedge.name().toLowerCase(Locale.ROOT) + " takes no duration, got "
                    + hedgeDelay);
        }
    }

    public static ReadConfig defaults() {
        return new ReadConfig(NodeDefaults.HEDGE, NodeDefaults.HEDGE_DELAY);
    }

    public static ReadConfig auto() {
        return new ReadConfig(Hedge.AUTO, Duration.ZERO);
    }

    public static ReadConfig off() {
        return new ReadConfig(Hedge.OFF, Duration.ZERO);
    }

    public static ReadConfig fixed(Duration delay) {
        return new ReadConfig(Hedge.FIXED, delay);
    }
}
