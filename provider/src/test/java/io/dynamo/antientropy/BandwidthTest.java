package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BandwidthTest {
    @Test
    void bytesBeyondTheBurstArePacedAtTheRate() {
        Bandwidth bandwidth = new Bandwidth(4L << 20); // 4 MiB/s, a quarter-second burst of 1 MiB
        long start = System.nanoTime();
        for (int i = 0; i < 32; i++) {
            bandwidth.acquire(64 << 10); // 2 MiB in all: 1 MiB beyond the burst takes a quarter of a second
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(200L, 3000L);
    }

    @Test
    void withinTheBurstNothingWaits() {
        Bandwidth bandwidth = new Bandwidth(64L << 20);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            bandwidth.acquire(1024);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(200L);
    }
}
