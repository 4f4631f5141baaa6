package io.dynamo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The preload of a target that writes in bulk: batches of keys, streamed, instead of a put per key. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamedPreloadTest {
    private static BenchSettings settings(int threads, int keys, int valueSize) {
        return new BenchSettings(threads, Duration.ofMillis(100), Duration.ZERO, keys, valueSize, 1.0, BenchSettings.DEFAULT_SEED, true,
                Duration.ofSeconds(10), Optional.empty(), 0.0);
    }

    @Test
    void aBulkTargetIsPreloadedInBatchesOfEachThreadsSliceFromFourThreadsNotKeyByKey() throws Exception {
        InMemoryTarget target = new InMemoryTarget(0).inBulk(keys -> false);

        BenchResult r = new LoadBench(target, settings(16, 10_000, 16)).run();

        assertThat(target.store).hasSize(10_000);
        assertThat(target.putCalls).as("no put of a single key").hasValue(0);
        assertThat(target.putAllCalls).as("each thread's 2500 keys in batches of 1000, 1000 and 500").hasValue(12);
        assertThat(r.preload()).hasValueSatisfying(p -> {
            assertThat(p.keys()).isEqualTo(10_000);
            assertThat(p.batchKeys()).isEqualTo(Preloader.MAX_BATCH_KEYS);
        });
        assertThat(r.getMisses()).isZero();
        assertThat(r.get().count()).isPositive();
        assertThat(new BenchReport(settings(16, 10_000, 16), r).table()).contains("streamed in batches of up to 1000 keys");
    }

    @Test
    void aBatchHoldsAboutHalfAMebibyteOfValuesAndATargetWithoutBulkWritesKeyByKey() {
        InMemoryTarget bulk = new InMemoryTarget(0).inBulk(keys -> false);
        assertThat(Preloader.batchKeys(bulk, 100)).isEqualTo(1_000);
        assertThat(Preloader.batchKeys(bulk, 1024)).isEqualTo(496);
        assertThat(Preloader.batchKeys(bulk, 4096)).isEqualTo(127);
        assertThat(Preloader.batchKeys(bulk, 8 << 20)).isEqualTo(1);
        assertThat(Preloader.batchKeys(new InMemoryTarget(0), 100)).isEqualTo(1);
    }

    @Test
    void aFailedBatchIsSentAgainWhole() throws Exception {
        AtomicBoolean failedOnce = new AtomicBoolean();
        InMemoryTarget target = new InMemoryTarget(0).inBulk(keys -> failedOnce.compareAndSet(false, true));

        BenchResult r = new LoadBench(target, settings(2, 5_000, 16)).run();

        assertThat(r.preload()).hasValueSatisfying(p -> assertThat(p.retries()).isEqualTo(1));
        assertThat(target.store).hasSize(5_000);
        assertThat(r.errorSamples()).singleElement().asString()
                .matches("\\(preload\\) PUT of \\d+ keys from key-[01]: java.io.IOException: injected failure of a batch of \\d+");
    }

    @Test
    void aBatchThatKeepsFailingFailsThePreloadNamingItsFirstKey() {
        InMemoryTarget target = new InMemoryTarget(0).inBulk(keys -> true);
        assertThatThrownBy(() -> new LoadBench(target, settings(1, 3_000, 16)).run()).isInstanceOf(PreloadFailedException.class)
                .hasMessage("preload failed: PUT of 1000 keys from key-0 failed 5 times, last: java.io.IOException: injected failure of a batch of 1000");
    }
}
