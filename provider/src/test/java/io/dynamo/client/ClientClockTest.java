package io.dynamo.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientClockTest {
    private static final long HOUR = 3_600_000;
    private final AtomicLong wall = new AtomicLong(1_000_000_000L);
    private final ClientClock clock = new ClientClock(wall::get);

    @Test
    void carriesTheHighestTimestampOfAnyAnswerAndIgnoresAnswersWithout() {
        clock.saw(stamp(wall.get() + 5_000));
        clock.saw(stamp(wall.get()));
        clock.saw(0);
        assertThat(clock.seen()).isEqualTo(stamp(wall.get() + 5_000));
    }

    @Test
    void aClientAnHourAheadMeasuresInTheClustersTimeOnceANodeAnswered() {
        long cluster = wall.get() - HOUR;
        assertThat(clock.clusterMillis()).as("before any answer: its own clock").isEqualTo(wall.get());
        clock.saw(stamp(cluster));
        assertThat(clock.clusterMillis()).isEqualTo(cluster);
        wall.addAndGet(10_000);
        assertThat(clock.clusterMillis()).isEqualTo(cluster + 10_000);
    }

    @Test
    void aDifferenceWithinTheLatencyToleranceKeepsTheClientsOwnClock() {
        clock.saw(stamp(wall.get() - 300));
        assertThat(clock.clusterMillis()).isEqualTo(wall.get());
    }

    private static long stamp(long millis) {
        return millis << 16;
    }
}
