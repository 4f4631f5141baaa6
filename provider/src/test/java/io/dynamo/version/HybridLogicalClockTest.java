package io.dynamo.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridLogicalClockTest {
    private final AtomicLong wall = new AtomicLong(1_000);
    private final HybridLogicalClock clock = new HybridLogicalClock(wall::get);

    @Test
    void followsTheWallClockWithLogicalZero() {
        long ts = clock.now();
        assertThat(HybridLogicalClock.physicalMillis(ts)).isEqualTo(1_000);
        assertThat(HybridLogicalClock.logical(ts)).isZero();
        wall.set(2_000);
        assertThat(HybridLogicalClock.physicalMillis(clock.now())).isEqualTo(2_000);
    }

    @Test
    void countsLogicallyWhileTheWallClockStandsStill() {
        long first = clock.now();
        long second = clock.now();
        assertThat(second).isGreaterThan(first);
        assertThat(HybridLogicalClock.physicalMillis(second)).isEqualTo(1_000);
        assertThat(HybridLogicalClock.logical(second)).isEqualTo(1);
    }

    @Test
    void neverGoesBackwardsWhenTheWallClockDoes() {
        long before = clock.now();
        wall.set(500);
        long after = clock.now();
        assertThat(after).isGreaterThan(before);
        assertThat(HybridLogicalClock.physicalMillis(after)).isEqualTo(1_000);
    }

    @Test
    void movesPastAnObservedTimestampFromAPeerAhead() {
        long peer = (5_000L << 16) | 7;
        clock.observe(peer);
        long ts = clock.now();
        assertThat(ts).isGreaterThan(peer);
        assertThat(HybridLogicalClock.physicalMillis(ts)).isEqualTo(5_000);
        assertThat(HybridLogicalClock.logical(ts)).isEqualTo(8);
        clock.observe(1); // an old timestamp changes nothing
        assertThat(clock.now()).isEqualTo(ts + 1);
    }

    @Test
    void logicalOverflowCarriesIntoMillisAndStaysIncreasing() {
        long prev = clock.now();
        for (int i = 0; i < 70_000; i++) {
            long next = clock.now();
            assertThat(next).isGreaterThan(prev);
            prev = next;
        }
        assertThat(HybridLogicalClock.physicalMillis(prev)).isEqualTo(1_001);
    }

    @Test
    void concurrentCallersNeverGetTheSameTimestamp() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<long[]>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    long[] out = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        out[i] = clock.now();
                        if (i > 0 && out[i] <= out[i - 1]) {
                            throw new AssertionError("not increasing within a thread");
                        }
                    }
                    return out;
                });
            }
            Set<Long> seen = new HashSet<>();
            for (Future<long[]> f : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                for (long ts : f.get()) {
                    assertThat(seen.add(ts)).as("duplicate timestamp %d", ts).isTrue();
                }
            }
            assertThat(seen).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsNegativeObservedTimestamps() {
        assertThatThrownBy(() -> clock.observe(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPeerTimestampMoreThanTheBoundAheadIsRefusedAndLeavesTheClockAlone() {
        HybridLogicalClock bounded = new HybridLogicalClock(wall::get, java.time.Duration.ofSeconds(60));
        long justInside = (wall.get() + 60_000) << 16;
        long beyond = (wall.get() + 60_001) << 16;

        assertThatThrownBy(() -> bounded.observe(beyond)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("60001 ms ahead");
        assertThat(HybridLogicalClock.physicalMillis(bounded.now())).isEqualTo(1_000);
        bounded.observe(justInside);
        assertThat(bounded.now()).isGreaterThan(justInside);
    }

    @Test
    void aStateWithOneSiblingTooFarAheadMovesTheClockNotAtAll() {
        long near = 5_000L << 16;
        DvvSet state = DvvSet.empty().put(VersionVector.empty(), "a", near, new byte[] {1})
                .put(VersionVector.empty(), "b", Long.MAX_VALUE - 1, new byte[] {2});

        assertThatThrownBy(() -> clock.observe(state)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.now()).isLessThan(near);
    }

    @Test
    void aTimestampWithinTheConfiguredSkewIsObservedAndOneBeyondItRefused() {
        HybridLogicalClock tight = new HybridLogicalClock(wall::get, java.time.Duration.ofSeconds(5));
        tight.observe((wall.get() + 5_000) << 16);
        assertThat(tight.current()).isEqualTo((wall.get() + 5_000) << 16);
        assertThatThrownBy(() -> tight.observe((wall.get() + 5_001) << 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 5000 ms allowed");
        assertThat(tight.now()).as("the refused timestamp left the clock as it was").isEqualTo(((wall.get() + 5_000) << 16) + 1);
    }
}
