package io.dynamo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The open loop of {@code --rate}: a fixed schedule, latency from each operation's intended start. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenLoopBenchTest {
    private static final long FIFTY_MICROS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long STALL = TimeUnit.MILLISECONDS.toNanos(200);

    /** No preload, no warm-up: the window opens when the threads are released. */
    private static BenchSettings settings(int threads, Duration duration, double readProportion) {
        return new BenchSettings(threads, duration, Duration.ZERO, 100, 16, readProportion, BenchSettings.DEFAULT_SEED, false,
                Duration.ofSeconds(10), Optional.empty(), 0.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenLoopIssuesTheAskedRateSpreadOverTheThreadsAndReportsAskedAndAchieved() throws Exception {
        InMemoryTarget target = new InMemoryTarget(FIFTY_MICROS);
        BenchSettings settings = settings(2, Duration.ofSeconds(1), 0.5).withRate(1000);

        BenchResult r = new LoadBench(target, settings).run();

        // 500 intended starts per thread in the window. A thread descheduled near the end (a busy
        // CI host) is cut off by the close with a few starts still due, so allow 2 % short; a
        // closed loop (~20,000 calls at 50 us) or a rate not split over the threads (2,000) fails.
        assertThat(r.all().count()).isBetween(980L, 1000L);
        assertThat(target.calls()).isBetween(r.all().count(), 1000L);
        assertThat(r.opsPerSec()).isBetween(980.0, 1000.0);
        String table = new BenchReport(settings, r).table();
        assertThat(table).contains("open loop: 1000 ops/s asked, " + Math.round(r.opsPerSec()) + " achieved").doesNotContain("fell behind");
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(new BenchReport(settings, r).json());
        assertThat(json.get("loop")).isEqualTo("open");
        assertThat(json.get("rateAsked")).isEqualTo(new BigDecimal("1000"));
        assertThat(((BigDecimal) json.get("rateAchieved")).doubleValue()).isEqualTo(r.opsPerSec(), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aStallIsChargedToEveryOperationItHeldUpInTheOpenLoopButOnlyOnceInTheClosedLoop() throws Exception {
        // One thread at 1000 ops/s; call 300 stalls 200 ms: the ~200 operations due meanwhile wait for it.
        BenchResult open = new LoadBench(new InMemoryTarget(0).stallingOnce(300, STALL),
                settings(1, Duration.ofSeconds(1), 0.5).withRate(1000)).run();
        BenchResult closed = new LoadBench(new InMemoryTarget(0).stallingOnce(300, STALL),
                settings(1, Duration.ofSeconds(1), 0.5)).run();

        assertThat(open.all().count()).as("the schedule caught up after the stall").isBetween(980L, 1000L);
        // About 200 of 1000 waited, from 200 ms down to 0: the slowest 5 % waited at least 100 ms.
        assertThat(open.all().p95()).isGreaterThanOrEqualTo(100.0);
        assertThat(open.all().max()).isGreaterThanOrEqualTo(200.0);
        // The closed loop sent nothing while it waited: one slow sample among a great many.
        assertThat(closed.all().max()).isGreaterThanOrEqualTo(200.0);
        assertThat(closed.all().p99()).isLessThan(10.0);
    }

    @Test
    void threadsThatCannotKeepTheRateFallBehindAndTheReportSaysSo() throws Exception {
        InMemoryTarget target = new InMemoryTarget(TimeUnit.MILLISECONDS.toNanos(1));
        BenchSettings settings = settings(1, Duration.ofMillis(500), 0.5).withRate(100_000);

        BenchResult r = new LoadBench(target, settings).run();

        assertThat(r.opsPerSec()).isLessThan(1_000.0);
        assertThat(r.all().max()).as("the backlog grows over the window").isGreaterThan(100.0);
        assertThat(new BenchReport(settings, r).table()).contains("open loop: 100000 ops/s asked")
                .contains("warning: the load threads fell behind the schedule");
    }

    @Test
    void stopEndsAnOpenLoopPromptlyWhileItWaitsForAFarOffStart() throws Exception {
        InMemoryTarget target = new InMemoryTarget(0);
        LoadBench bench = new LoadBench(target, settings(1, Duration.ofMinutes(10), 0.5).withRate(0.01));
        CompletableFuture<BenchResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return bench.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> target.calls() == 1);

        long asked = System.nanoTime();
        bench.stop();

        BenchResult r = run.get(5, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - asked).isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.threadsStillRunning()).isZero();
        assertThat(target.calls()).isEqualTo(1);
    }
}
