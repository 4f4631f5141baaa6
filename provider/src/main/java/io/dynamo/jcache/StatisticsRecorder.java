package io.dynamo.jcache;

import javax.cache.configuration.CompleteConfiguration;

/**
 * Records operations' outcomes in a cache's {@link DynamoStatistics} while statistics are
 * enabled (JSR-107 §12.4): the operations say what happened, this says whether it counts.
 */
final class StatisticsRecorder {
    private final CompleteConfiguration<?, ?> config;
    private final DynamoStatistics statistics;

    StatisticsRecorder(CompleteConfiguration<?, ?> config, DynamoStatistics statistics) {
        this.config = config;
        this.statistics = statistics;
    }

    /** One read of a key: a hit when it was present, else a miss. */
    void hit(boolean present) {
        if (enabled()) {
            if (present) {
                statistics.hits(1);
            } else {
                statistics.misses(1);
            }
        }
    }

    void hitsAndMisses(int hits, int misses) {
        if (enabled()) {
            statistics.hits(hits);
            statistics.misses(misses);
        }
    }

    void getTime(long startNanos) {
        if (enabled()) {
            statistics.getTime(System.nanoTime() - startNanos);
        }
    }

    /** {@code count} values stored by an operation that started at {@code startNanos}; none counts nothing. */
    void puts(int count, long startNanos) {
        if (enabled() && count > 0) {
            statistics.puts(count);
            statistics.putTime(System.nanoTime() - startNanos);
        }
    }

    /** {@code count} entries removed by an operation that started at {@code startNanos}; none counts nothing. */
    void removals(int count, long startNanos) {
        if (enabled() && count > 0) {
            statistics.removals(count);
            statistics.removeTime(System.nanoTime() - startNanos);
        }
    }

    private boolean enabled() {
        return config.isStatisticsEnabled();
    }
}
