package io.dynamo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report must line up with the Hazelcast peer's output, column for column and field for field. */
class BenchReportTest {
    // The figures of the peer README's sample run, so our rendering can be compared with its text.
    private static final LatencySummary GET = new LatencySummary(51254, 2.130, 5.661, 10.002, 19.055, 36.504);
    private static final LatencySummary PUT = new LatencySummary(51717, 3.486, 7.619, 12.673, 23.855, 47.448);
    private static final LatencySummary ALL = new LatencySummary(102971, 3.060, 6.750, 11.608, 21.938, 47.448);
    private static final BenchSettings SETTINGS = BenchSettings.of(16, Duration.ofSeconds(20), 100_000, 100, 0.5)
            .withWarmup(Duration.ofSeconds(5));

    private static BenchResult result(long getErrors, long putErrors, List<String> samples,
                                      Optional<PreloadStats> preload) {
        return new BenchResult(20.0, GET, PUT, ALL, getErrors, putErrors, 0, samples, preload, false, 0);
    }

    @Test
    void tableHasThePeersHeaderThroughputLineAndColumns() {
        String table = new BenchReport(SETTINGS, result(0, 0, List.of(), Optional.empty()),
                Map.of("seeds", "127.0.0.1:7001")).table();
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(
                "dynamo, seeds=127.0.0.1:7001, threads=16, keys=100000, valueSize=100, readPct=50, warmup 5 s, measured 20.00 s");
        // 102971 / 20 s = 5148.55; 51254 / 20 = 2562.7; 51717 / 20 = 2585.85
        assertThat(lines.get(1)).isEqualTo("throughput 5149 ops/s (get 2563/s, put 2586/s), errors 0, get misses 0");
        // These three lines are copied from the peer README's sample output.
        assertThat(lines.get(2)).isEqualTo("latency ms        count       p50       p95       p99     p99.9       max");
        assertThat(lines.get(3)).isEqualTo("GET               51254     2.130     5.661    10.002    19.055    36.504");
        assertThat(lines.get(4)).isEqualTo("PUT               51717     3.486     7.619    12.673    23.855    47.448");
        assertThat(lines.get(5)).isEqualTo("ALL              102971     3.060     6.750    11.608    21.938    47.448");
    }

    @Test
    void tableAddsPreloadErrorsAndFirstFailuresAfterThePeerLines() {
        String table = new BenchReport(SETTINGS, result(3, 1, List.of("GET key-4: java.io.IOException: down"),
                Optional.of(new PreloadStats(100_000, 4.0, 2, 1)))).table();
        assertThat(table.lines().toList().subList(6, 10)).containsExactly(
                "preload 100000 keys in 4.00 s (25000 puts/s, 2 retries)",
                "errors by kind: get 3, put 1",
                "first errors (later ones are only counted):",
                "  GET key-4: java.io.IOException: down");
        assertThat(table.lines().toList().get(1)).endsWith("errors 4, get misses 0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonUsesThePeersFieldNamesAndParses() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("mode", "client");
        context.put("members", 3);
        String json = new BenchReport(SETTINGS, result(0, 0, List.of(), Optional.of(new PreloadStats(100_000, 4.0, 0, 1))),
                context).json();

        assertThat(json).startsWith("{\"system\":\"dynamo\",\"mode\":\"client\",\"members\":3,\"threads\":16,"
                + "\"durationSec\":20,\"opsPerSec\":5148.6,");
        // Byte for byte the peer README's objects.
        assertThat(json).contains("\"get\":{\"p50\":2.130,\"p95\":5.661,\"p99\":10.002,\"p999\":19.055,\"max\":36.504,\"count\":51254}");
        assertThat(json).contains("\"put\":{\"p50\":3.486,\"p95\":7.619,\"p99\":12.673,\"p999\":23.855,\"max\":47.448,\"count\":51717}");
        assertThat(json).contains("\"all\":{\"p50\":3.060,\"p95\":6.750,\"p99\":11.608,\"p999\":21.938,\"max\":47.448,\"count\":102971}");
        assertThat(json).doesNotContain("\n");

        Map<String, Object> parsed = (Map<String, Object>) MiniJson.parse(json);
        assertThat(parsed).containsKeys("system", "threads", "durationSec", "opsPerSec", "get", "put", "all", "keys",
                "valueSize", "readPct", "warmupSec", "measuredSec", "errors", "getMisses", "preload", "errorSamples");
        assertThat(parsed.get("readPct")).isEqualTo(new BigDecimal("50"));
        assertThat(parsed.get("warmupSec")).isEqualTo(new BigDecimal("5"));
        assertThat(parsed.get("measuredSec")).isEqualTo(new BigDecimal("20.000"));
        assertThat(parsed.get("errors")).isEqualTo(BigDecimal.ZERO);
        assertThat(((Map<String, Object>) parsed.get("preload")).get("putsPerSec")).isEqualTo(new BigDecimal("25000.0"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonEscapesTextSoAnyErrorMessageSurvives() {
        String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 é";
        String json = new BenchReport(SETTINGS, result(1, 0, List.of(nasty), Optional.empty()),
                Map.of("seeds", nasty)).json();
        Map<String, Object> parsed = (Map<String, Object>) MiniJson.parse(json);
        assertThat(parsed.get("seeds")).isEqualTo(nasty);
        assertThat(parsed.get("errorSamples")).isEqualTo(List.of(nasty));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonHasTheSameFieldsInEitherLoopWithTheLoopAndBothRates() {
        BenchResult r = result(0, 0, List.of(), Optional.of(new PreloadStats(100_000, 4.0, 0, 2000)));
        Map<String, Object> context = Map.of("tls", true, "engine", "rocksdb");
        Map<String, Object> closed = (Map<String, Object>) MiniJson.parse(new BenchReport(SETTINGS, r, context).json());
        Map<String, Object> open = (Map<String, Object>) MiniJson.parse(new BenchReport(SETTINGS.withRate(6000), r, context).json());

        assertThat(open.keySet()).containsExactlyElementsOf(closed.keySet());
        assertThat(closed.get("loop")).isEqualTo("closed");
        assertThat(closed).containsEntry("rateAsked", null);
        assertThat(open.get("loop")).isEqualTo("open");
        assertThat(open.get("rateAsked")).isEqualTo(new BigDecimal("6000"));
        assertThat(open.get("rateAchieved")).isEqualTo(open.get("opsPerSec")).isEqualTo(closed.get("rateAchieved"));
        assertThat(open.get("tls")).isEqualTo(true);
        assertThat(open.get("engine")).isEqualTo("rocksdb");
        assertThat((Map<String, Object>) open.get("preload")).containsEntry("batchKeys", new BigDecimal("2000"));
        assertThatThrownBy(() -> new BenchReport(SETTINGS, r, Map.of("loop", "x"))).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> withoutPreload = (Map<String, Object>) MiniJson.parse(
                new BenchReport(SETTINGS.withPreload(false), result(0, 0, List.of(), Optional.empty()), context).json());
        assertThat(withoutPreload.keySet()).containsExactlyElementsOf(closed.keySet());
        assertThat(withoutPreload).containsEntry("preload", null);
    }

    @Test
    void contextMayNotShadowABenchField() {
        BenchResult r = result(0, 0, List.of(), Optional.empty());
        assertThatThrownBy(() -> new BenchReport(SETTINGS, r, Map.of("opsPerSec", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report context key 'opsPerSec' clashes with a bench field");
    }

    @Test
    void fractionalSettingsStayNumbers() {
        BenchSettings s = new BenchSettings(2, Duration.ofMillis(1500), Duration.ofMillis(200), 10, 0, 0.955, 1,
                false, Duration.ofSeconds(1), Optional.empty(), 0.0);
        String json = new BenchReport(s, result(0, 0, List.of(), Optional.empty())).json();
        assertThat(json).contains("\"durationSec\":1.5,").contains("\"readPct\":95.5,")
                .contains("\"readProportion\":0.955,").contains("\"warmupSec\":0.2,");
        MiniJson.parse(json);
    }

    @Test
    void writesTheJsonFileOnlyWhenAsked(@TempDir Path dir) throws IOException {
        BenchResult r = result(0, 0, List.of(), Optional.empty());
        assertThat(new BenchReport(SETTINGS, r).writeJsonIfRequested()).isEmpty();

        Path file = dir.resolve("sub/dynamo.json");
        BenchReport report = new BenchReport(SETTINGS.withJson(file), r);
        assertThat(report.writeJsonIfRequested()).contains(file);
        assertThat(Files.readString(file)).isEqualTo(report.json() + System.lineSeparator());
    }

    @Test
    void anEmptyRunRendersWithoutDividingByZero() {
        BenchResult empty = new BenchResult(0.0, LatencySummary.EMPTY, LatencySummary.EMPTY, LatencySummary.EMPTY,
                0, 0, 0, List.of(), Optional.empty(), true, 0);
        BenchReport report = new BenchReport(SETTINGS, empty);
        assertThat(report.table()).contains("throughput 0 ops/s").contains("stopped early: measured 0.00 of 20 s");
        MiniJson.parse(report.json());
    }
}
