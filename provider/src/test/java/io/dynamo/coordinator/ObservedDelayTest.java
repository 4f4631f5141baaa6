package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObservedDelayTest {
    private static long ms(double millis) {
        return (long) (millis * 1_000_000);
    }

    @Test
    void theDelayIsTheDefaultUntilEnoughReadsAnswered() {
        ObservedDelay delay = new ObservedDelay();
        for (int i = 0; i < ObservedDelay.MIN_SAMPLES - 1; i++) {
            delay.observe(ms(2));
        }
        assertThat(delay.nanos()).hasValue(ObservedDelay.INITIAL);
        delay.observe(ms(2));
        assertThat(delay.nanos()).hasValue(ms(2));
    }

    @Test
    void theDelayIsThe95thPercentileOfTheLastReads() {
        ObservedDelay delay = new ObservedDelay();
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < ObservedDelay.WINDOW * 3; i++) {
            // 90 % answer in 2 ms, 10 % in 8 ms: the p95 is 8 ms
            delay.observe(random.nextInt(10) == 0 ? ms(8) : ms(2));
        }
        assertThat(delay.nanos()).hasValue(ms(8));
        for (int i = 0; i < ObservedDelay.WINDOW; i++) {
            delay.observe(ms(3)); // the old reads leave the window
        }
        assertThat(delay.nanos()).hasValue(ms(3));
    }

    @Test
    void theDelayStaysBetweenTheFloorAndTheCap() {
        ObservedDelay fast = new ObservedDelay();
        ObservedDelay slow = new ObservedDelay();
        for (int i = 0; i < ObservedDelay.WINDOW; i++) {
            fast.observe(ms(0.05));
            slow.observe(Duration.ofSeconds(2).toNanos());
        }
        assertThat(fast.nanos()).hasValue(ObservedDelay.FLOOR);
        assertThat(slow.nanos()).hasValue(ObservedDelay.CAP);
    }
}
