package io.dynamo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestRatesTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theRateIsTheCountsGrowthOverTheWindowNotSinceStart() {
        RequestRates rates = new RequestRates(10 * SECOND);
        assertThat(rates.perSecond("get")).isZero();
        rates.sample(0, Map.of("get", 0L));
        assertThat(rates.perSecond("get")).as("one sample is no rate").isZero();
        // 1000 gets in the first 10 s, then 100 per second for 20 s
        rates.sample(10 * SECOND, Map.of("get", 1000L));
        assertThat(rates.perSecond("get")).isCloseTo(100, within(0.01));
        for (int s = 11; s <= 30; s++) {
            rates.sample(s * SECOND, Map.of("get", 1000L + 10L * (s - 10)));
        }
        assertThat(rates.perSecond("get")).as("the burst left the window").isCloseTo(10, within(0.01));
        assertThat(rates.perSecond("put")).as("an operation never counted").isZero();
    }

    @Test
    void aQuietNodeFallsToZero() {
        RequestRates rates = new RequestRates(10 * SECOND);
        rates.sample(0, Map.of("put", 0L));
        rates.sample(SECOND, Map.of("put", 500L));
        for (int s = 2; s <= 13; s++) {
            rates.sample(s * SECOND, Map.of("put", 500L));
        }
        assertThat(rates.perSecond("put")).isZero();
    }
}
