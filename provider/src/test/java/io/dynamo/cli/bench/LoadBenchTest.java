package io.dynamo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadBenchTest {
    private static final long FIFTY_MICROS = TimeUnit.MICROSECONDS.toNanos(50);

    private static BenchSettings settings(int threads, Duration duration, int keys, double readProportion) {
        return new BenchSettings(threads, duration, Duration.ofMillis(200), keys, 16, readProportion,
                BenchSettings.DEFAULT_SEED, true, Duration.ofSeconds(10), Optional.empty(), 0.0);
    }

    /** Whether {@code observed} is within four standard deviations of a binomial share {@code p} of {@code n}. */
    private static void assertShare(long observed, long n, double p) {
        double tolerance = 4 * Math.sqrt(p * (1 - p) / n) + 1e-9;
        assertThat((double) observed / n).isBetween(p - tolerance, p + tolerance);
    }

    private static void assertOrdered(LatencySummary l) {
        assertThat(l.p50()).isLessThanOrEqualTo(l.p95());
        assertThat(l.p95()).isLessThanOrEqualTo(l.p99());
        assertThat(l.p99()).isLessThanOrEqualTo(l.p999());
        assertThat(l.p999()).isLessThanOrEqualTo(l.max());
    }

    @Test
    @SuppressWarnings("unchecked")
    void preloadedRunCountsAddUpHitsEveryKeyAndRespectsTheReadShare() throws Exception {
        InMemoryTarget target = new InMemoryTarget(FIFTY_MICROS);
        BenchSettings settings = settings(4, Duration.ofSeconds(1), 2_000, 0.7);

        BenchResult r = new LoadBench(target, settings).run();

        assertThat(r.preload()).hasValueSatisfying(p -> {
            assertThat(p.keys()).isEqualTo(2_000);
            assertThat(p.retries()).isZero();
            assertThat(p.putsPerSec()).isPositive();
        });
        assertThat(target.store).hasSize(2_000);
        assertThat(r.measuredSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.stoppedEarly()).isFalse();
        assertThat(r.threadsStillRunning()).isZero();

        assertThat(r.all().count()).isGreaterThan(500).isEqualTo(r.get().count() + r.put().count());
        assertThat(r.opsPerSec()).isEqualTo(r.all().count() / r.measuredSeconds());
        assertShare(r.get().count(), r.all().count(), 0.7);
        // The warm-up and the preload happened too, but only the window was recorded.
        assertThat(target.getCalls.get()).isGreaterThan(r.get().count());
        assertThat(target.putCalls.get()).isGreaterThan(2_000 + r.put().count());

        assertThat(r.getMisses()).isZero();
        assertThat(r.errors()).isZero();
        assertThat(r.errorSamples()).isEmpty();
        for (LatencySummary l : new LatencySummary[] {r.get(), r.put(), r.all()}) {
            assertOrdered(l);
            assertThat(l.p50()).as("in milliseconds, at least the fake's 50 us").isGreaterThanOrEqualTo(0.05);
        }
        assertThat(r.all().max()).isEqualTo(Math.max(r.get().max(), r.put().max()));

        String json = new BenchReport(settings, r, Map.of("seeds", "fake")).json();
        Map<String, Object> parsed = (Map<String, Object>) MiniJson.parse(json);
        assertThat(parsed.get("system")).isEqualTo("dynamo");
        for (String op : new String[] {"get", "put", "all"}) {
            assertThat((Map<String, Object>) parsed.get(op)).containsOnlyKeys("p50", "p95", "p99", "p999", "max", "count");
        }
        assertThat(((Map<String, Object>) parsed.get("all")).get("count")).isEqualTo(BigDecimal.valueOf(r.all().count()));
        assertThat(parsed.get("getMisses")).isEqualTo(BigDecimal.ZERO);
        assertThat(new BenchReport(settings, r).table()).contains("errors 0, get misses 0");
    }

    @Test
    void withoutPreloadEveryGetOfAnEmptyStoreIsAMiss() throws Exception {
        InMemoryTarget target = new InMemoryTarget(0);
        BenchSettings settings = settings(2, Duration.ofMillis(300), 100, 1.0).withPreload(false)
                .withWarmup(Duration.ZERO);

        BenchResult r = new LoadBench(target, settings).run();

        assertThat(r.preload()).isEmpty();
        assertThat(r.put().count()).isZero();
        assertThat(target.putCalls.get()).isZero();
        assertThat(r.get().count()).isPositive();
        assertThat(r.getMisses()).isEqualTo(r.get().count());
    }

    @Test
    void onlyPutsWhenTheReadShareIsZero() throws Exception {
        InMemoryTarget target = new InMemoryTarget(0);
        BenchResult r = new LoadBench(target, settings(2, Duration.ofMillis(200), 50, 0.0)
                .withPreload(false).withWarmup(Duration.ZERO)).run();
        assertThat(r.get().count()).isZero();
        assertThat(target.getCalls.get()).isZero();
        assertThat(r.put().count()).isPositive();
        assertThat(target.store.get("key-0")).hasSize(16);
    }

    @Test
    void failuresAreCountedPerKindKeptAsSamplesAndLeftOutOfLatencies() throws Exception {
        // Every fourth key fails on get: a quarter of the gets should fail.
        InMemoryTarget target = new InMemoryTarget(FIFTY_MICROS)
                .failingGets(key -> Integer.parseInt(key.substring(4)) % 4 == 0);
        BenchSettings settings = settings(3, Duration.ofMillis(600), 400, 0.5);

        BenchResult r = new LoadBench(target, settings).run();

        assertThat(r.putErrors()).isZero();
        assertThat(r.getErrors()).isPositive();
        assertThat(r.errors()).isEqualTo(r.getErrors());
        assertShare(r.getErrors(), r.getErrors() + r.get().count(), 0.25);
        assertThat(r.getMisses()).isZero();
        assertThat(r.errorSamples()).isNotEmpty().hasSizeLessThanOrEqualTo(ErrorLog.KEPT)
                .allSatisfy(s -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "(\\(warm-up\\) )?GET key-(\\d+): java.io.IOException: injected get failure on key-(\\d+)")
                            .matcher(s);
                    assertThat(m.matches()).as(s).isTrue();
                    assertThat(Integer.parseInt(m.group(2)) % 4).as(s).isZero();
                    assertThat(m.group(3)).isEqualTo(m.group(2));
                });
        assertThat(new BenchReport(settings, r).table())
                .contains("errors " + r.errors() + ", get misses 0")
                .contains("errors by kind: get " + r.getErrors() + ", put 0")
                .contains("injected get failure");
    }

    @Test
    void stopEndsALongRunPromptlyWithWhatWasMeasured() throws Exception {
        InMemoryTarget target = new InMemoryTarget(FIFTY_MICROS);
        LoadBench bench = new LoadBench(target,
                settings(2, Duration.ofMinutes(10), 100, 0.5).withWarmup(Duration.ZERO));
        CompletableFuture<BenchResult> run = new CompletableFuture<>();
        Thread driver = new Thread(() -> {
            try {
                run.complete(bench.run());
            } catch (Throwable t) {
                run.completeExceptionally(t);
            }
        }, "bench-driver");
        driver.setDaemon(true);
        driver.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> target.calls() > 100 + 100);

        bench.stop();

        BenchResult r = run.get(5, TimeUnit.SECONDS);
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.measuredSeconds()).isPositive().isLessThan(60);
        assertThat(r.all().count()).isPositive().isLessThanOrEqualTo(target.calls() - 100);
        assertThat(r.threadsStillRunning()).isZero();
        assertThatThrownBy(bench::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("runs once");
    }

    @Test
    void stopBeforeRunMeasuresNothing() throws Exception {
        InMemoryTarget target = new InMemoryTarget(0);
        LoadBench bench = new LoadBench(target, settings(2, Duration.ofSeconds(30), 10, 0.5));
        bench.stop();
        BenchResult r = bench.run();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.all().count()).isZero();
        assertThat(target.calls()).isZero();
    }

    @Test
    void aKeyThatKeepsFailingFailsThePreloadNamingIt() {
        InMemoryTarget target = new InMemoryTarget(0).failingPuts(key -> key.equals("key-7"));
        LoadBench bench = new LoadBench(target, settings(2, Duration.ofSeconds(30), 50, 0.5));
        assertThatThrownBy(bench::run).isInstanceOf(PreloadFailedException.class)
                .hasMessage("preload failed: PUT key-7 failed 3 times, last: java.io.IOException: injected put failure on key-7")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void transientPreloadFailuresAreRetried() throws Exception {
        java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        InMemoryTarget target = new InMemoryTarget(0).failingPuts(key -> key.endsWith("3") && failedOnce.add(key));
        BenchResult r = new LoadBench(target, settings(2, Duration.ofMillis(100), 40, 1.0)
                .withWarmup(Duration.ZERO)).run();
        assertThat(r.preload()).hasValueSatisfying(p -> assertThat(p.retries()).isEqualTo(4)); // 3, 13, 23, 33
        assertThat(r.getMisses()).isZero();
        assertThat(r.errorSamples()).allSatisfy(s -> assertThat(s).startsWith("(preload) PUT key-"));
    }

    @Test
    void aPreloadThatCannotFinishInTimeFailsSayingHowFarItGot() {
        InMemoryTarget target = new InMemoryTarget(TimeUnit.MILLISECONDS.toNanos(2));
        BenchSettings settings = settings(2, Duration.ofSeconds(30), 100_000, 0.5)
                .withPreloadTimeout(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThatThrownBy(() -> new LoadBench(target, settings).run())
                .isInstanceOf(PreloadFailedException.class)
                .hasMessageMatching("preload did not finish within 0.2 s: wrote \\d+ of 100000 keys \\(\\d+ puts/s\\)");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void theSameSeedDrawsTheSameOperations() throws Exception {
        BenchSettings settings = settings(1, Duration.ofMillis(100), 1_000, 0.5).withPreload(false)
                .withWarmup(Duration.ZERO);
        InMemoryTarget first = new InMemoryTarget(0, 200);
        InMemoryTarget second = new InMemoryTarget(0, 200);
        InMemoryTarget otherSeed = new InMemoryTarget(0, 200);
        new LoadBench(first, settings).run();
        new LoadBench(second, settings).run();
        new LoadBench(otherSeed, settings.withSeed(12345)).run();

        assertThat(first.trace()).hasSize(200).isEqualTo(second.trace()).isNotEqualTo(otherSeed.trace());
        assertThat(first.trace()).anyMatch(op -> op.startsWith("GET")).anyMatch(op -> op.startsWith("PUT"));
    }
}
