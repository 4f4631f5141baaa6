package io.dynamo.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a run as the human table and as one JSON line, in the shapes of the Hazelcast peer
 * benchmark (shared/peers/hazelcast-jcache-bench) so the two can be set side by side: the same
 * header, throughput line and table columns (count, p50, p95, p99, p99.9, max in ms for GET, PUT,
 * ALL), and the same JSON field names ("opsPerSec", "get"/"put"/"all" with p50, p95, p99, p999,
 * max, count, "errors", "getMisses", ...), plus our extras ("system":"dynamo", per-kind errors,
 * preload, first errors).
 *
 * <p>{@code context} adds caller facts (e.g. "seeds", "mode", "version", "n", "r", "w") to the
 * header and to the JSON, in order, right after "system"; values that are numbers or booleans stay
 * so in the JSON.
 */
public final class BenchReport {
    public static final String SYSTEM = "dynamo";

    /** Fields the report writes itself; context may not reuse them. */
    private static final Set<String> RESERVED = Set.of("system", "threads", "durationSec", "opsPerSec", "get",
            "put", "all", "keys", "valueSize", "readPct", "readProportion", "warmupSec", "measuredSec", "errors",
            "getMisses", "getErrors", "putErrors", "getPerSec", "putPerSec", "seed", "stoppedEarly",
            "threadsStillRunning", "preload", "errorSamples", "loop", "rateAsked", "rateAchieved");
    /** Below this share of the asked rate, an open-loop report warns that the threads fell behind. */
    private static final double BEHIND = 0.95;

    private final BenchSettings settings;
    private final BenchResult result;
    private final Map<String, Object> context;

    public BenchReport(BenchSettings settings, BenchResult result, Map<String, ?> context) {
        this.settings = settings;
        this.result = result;
        Map<String, Object> copy = new LinkedHashMap<>();
        context.forEach((key, value) -> {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("report context key '" + key + "' clashes with a bench field");
            }
            copy.put(key, value);
        });
        this.context = copy;
    }

    public BenchReport(BenchSettings settings, BenchResult result) {
        this(settings, result, Map.of());
    }

    /** The human report: header, throughput line, latency table, then our extra lines when they apply. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(SYSTEM);
        context.forEach((key, value) -> b.append(", ").append(key).append('=').append(value));
        b.append(String.format(Locale.ROOT, ", threads=%d, keys=%d, valueSize=%d, readPct=%s, warmup %s s, measured %.2f s%n",
                settings.threads(), settings.keys(), settings.valueSize(), JsonObject.plain(settings.readPct()),
                BenchDurations.seconds(settings.warmup()), result.measuredSeconds()));
        b.append(String.format(Locale.ROOT, "throughput %.0f ops/s (get %.0f/s, put %.0f/s), errors %d, get misses %d%n",
                result.opsPerSec(), result.getsPerSec(), result.putsPerSec(), result.errors(), result.getMisses()));
        if (settings.openLoop()) {
            b.append(String.format(Locale.ROOT, "open loop: %.0f ops/s asked, %.0f achieved; latency from each operation's intended start%n",
                    settings.rate(), result.opsPerSec()));
            if (result.opsPerSec() < BEHIND * settings.rate()) {
                b.append("warning: the load threads fell behind the schedule (the store's latency times the rate exceeds --threads,"
                        + " or the store is saturated): more --threads or a lower --rate").append(System.lineSeparator());
            }
        }
        b.append(String.format(Locale.ROOT, "%-10s%13s%10s%10s%10s%10s%10s%n",
                "latency ms", "count", "p50", "p95", "p99", "p99.9", "max"));
        row(b, "GET", result.get());
        row(b, "PUT", result.put());
        row(b, "ALL", result.all());

        result.preload().ifPresent(p -> b.append(String.format(Locale.ROOT,
                "preload %d keys in %.2f s (%.0f puts/s, %d retries%s)%n", p.keys(), p.seconds(), p.putsPerSec(), p.retries(),
                p.batchKeys() > 1 ? ", streamed in batches of up to " + p.batchKeys() + " keys" : "")));
        if (result.errors() > 0) {
            b.append(String.format(Locale.ROOT, "errors by kind: get %d, put %d%n", result.getErrors(), result.putErrors()));
        }
        if (result.stoppedEarly()) {
            b.append(String.format(Locale.ROOT, "stopped early: measured %.2f of %s s%n",
                    result.measuredSeconds(), BenchDurations.seconds(settings.duration())));
        }
        if (result.threadsStillRunning() > 0) {
            b.append(String.format(Locale.ROOT, "warning: %d load threads were still in a call when the run ended%n",
                    result.threadsStillRunning()));
        }
        if (!result.errorSamples().isEmpty()) {
            b.append("first errors (later ones are only counted):").append(System.lineSeparator());
            result.errorSamples().forEach(s -> b.append("  ").append(s).append(System.lineSeparator()));
        }
        return b.toString();
    }

    /** The same figures as one JSON object on one line (no trailing newline). */
    public String json() {
        JsonObject o = new JsonObject().add("system", SYSTEM);
        context.forEach(o::addValue);
        o.add("threads", settings.threads())
                .addPlain("durationSec", settings.duration().toNanos() / 1e9)
                .add("opsPerSec", result.opsPerSec(), 1)
                .add("get", latency(result.get()))
                .add("put", latency(result.put()))
                .add("all", latency(result.all()))
                .add("keys", settings.keys())
                .add("valueSize", settings.valueSize())
                .add("loop", settings.loop());
        if (settings.openLoop()) {
            o.addPlain("rateAsked", settings.rate());
        } else {
            o.addNull("rateAsked");
        }
        o.add("rateAchieved", result.opsPerSec(), 1)
                .addPlain("readPct", settings.readPct())
                .addPlain("readProportion", settings.readProportion())
                .addPlain("warmupSec", settings.warmup().toNanos() / 1e9)
                .add("measuredSec", result.measuredSeconds(), 3)
                .add("errors", result.errors())
                .add("getMisses", result.getMisses())
                .add("getErrors", result.getErrors())
                .add("putErrors", result.putErrors())
                .add("getPerSec", result.getsPerSec(), 1)
                .add("putPerSec", result.putsPerSec(), 1)
                .add("seed", settings.seed())
                .add("stoppedEarly", result.stoppedEarly())
                .add("threadsStillRunning", result.threadsStillRunning());
        // Present in every run, null without a preload (--no-preload), so that every run has the same fields.
        result.preload().ifPresentOrElse(p -> o.add("preload", new JsonObject()
                .add("keys", p.keys()).add("seconds", p.seconds(), 3)
                .add("putsPerSec", p.putsPerSec(), 1).add("retries", p.retries()).add("batchKeys", p.batchKeys())),
                () -> o.addNull("preload"));
        o.add("errorSamples", result.errorSamples());
        return o.toString();
    }

    /** Writes {@link #json()} (plus a newline) to {@code file}, replacing it; returns the file. */
    public Path writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json() + System.lineSeparator(), StandardCharsets.UTF_8);
        return file;
    }

    /** Writes the JSON file if the settings ask for one ({@code --json FILE}); returns where. */
    public Optional<Path> writeJsonIfRequested() throws IOException {
        if (settings.json().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(writeJson(settings.json().get()));
    }

    private static void row(StringBuilder b, String op, LatencySummary l) {
        b.append(String.format(Locale.ROOT, "%-10s%13d%10.3f%10.3f%10.3f%10.3f%10.3f%n",
                op, l.count(), l.p50(), l.p95(), l.p99(), l.p999(), l.max()));
    }

    private static JsonObject latency(LatencySummary l) {
        return new JsonObject().add("p50", l.p50(), 3).add("p95", l.p95(), 3).add("p99", l.p99(), 3)
                .add("p999", l.p999(), 3).add("max", l.max(), 3).add("count", l.count());
    }
}
