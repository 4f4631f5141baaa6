package io.dynamo.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One bench run's workload, validated on construction. Messages name the command-line option so
 * the CLI can show them as they are.
 *
 * @param threads        load threads, each with one operation in flight (closed loop)
 * @param duration       the measured window
 * @param warmup         run before the window, latencies discarded; may be zero
 * @param keys           size of the uniformly chosen key space {@code key-0 .. key-(keys-1)}
 * @param valueSize      bytes per put value
 * @param readProportion share of operations that are gets, 0..1
 * @param seed           base seed; thread {@code i} uses {@code seed + i}
 * @param preload        write every key once before the warm-up, so gets hit
 * @param preloadTimeout bound on the preload; it fails clearly past it
 * @param json           where to write the JSON line, if asked
 * @param rate           total operations per second of an open-loop run ({@code --rate}); 0 for a closed loop
 */
public record BenchSettings(int threads, Duration duration, Duration warmup, int keys, int valueSize,
                            double readProportion, long seed, boolean preload, Duration preloadTimeout,
                            Optional<Path> json, double rate) {

    /**
     * A minute: the bulk preload leaves the node JVMs cold, and on 2 cores their JIT was still
     * compiling after 15 s of load (a 15 s warm-up measured a third of the 60 s figure).
     */
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(60);
    public static final long DEFAULT_SEED = 0x5EED_D1A0L;
    public static final Duration DEFAULT_PRELOAD_TIMEOUT = Duration.ofMinutes(2);

    public BenchSettings {
        Objects.requireNonNull(duration, "--duration");
        Objects.requireNonNull(warmup, "--warmup");
        Objects.requireNonNull(preloadTimeout, "preload timeout");
        Objects.requireNonNull(json, "--json (use Optional.empty())");
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be greater than 0, got " + duration);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
        }
        if (keys < 1) {
            throw new IllegalArgumentException("--keys must be at least 1, got " + keys);
        }
        if (valueSize < 0) {
            throw new IllegalArgumentException("--value-size must be 0 or more, got " + valueSize);
        }
        if (!(readProportion >= 0.0 && readProportion <= 1.0)) {
            throw new IllegalArgumentException("--read-proportion must be between 0 and 1, got " + readProportion);
        }
        if (!(rate >= 0.0 && rate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--rate must be a finite number of operations per second, got " + rate);
        }
        if (preloadTimeout.isNegative() || preloadTimeout.isZero()) {
            throw new IllegalArgumentException("preload timeout must be greater than 0, got " + preloadTimeout);
        }
    }

    /** The common case: default warm-up, seed and preload, no JSON file. */
    public static BenchSettings of(int threads, Duration duration, int keys, int valueSize, double readProportion) {
        return new BenchSettings(threads, duration, DEFAULT_WARMUP, keys, valueSize, readProportion,
                DEFAULT_SEED, true, preloadTimeoutFor(keys), Optional.empty(), 0.0);
    }

    public BenchSettings withWarmup(Duration warmup) {
        return new BenchSettings(threads, duration, warmup, keys, valueSize, readProportion, seed, preload,
                preloadTimeout, json, rate);
    }

    public BenchSettings withSeed(long seed) {
        return new BenchSettings(threads, duration, warmup, keys, valueSize, readProportion, seed, preload,
                preloadTimeout, json, rate);
    }

    public BenchSettings withPreload(boolean preload) {
        return new BenchSettings(threads, duration, warmup, keys, valueSize, readProportion, seed, preload,
                preloadTimeout, json, rate);
    }

    public BenchSettings withPreloadTimeout(Duration preloadTimeout) {
        return new BenchSettings(threads, duration, warmup, keys, valueSize, readProportion, seed, preload,
                preloadTimeout, json, rate);
    }

    public BenchSettings withJson(Path file) {
        return new BenchSettings(threads, duration, warmup, keys, valueSize, readProportion, seed, preload,
                preloadTimeout, Optional.of(file), rate);
    }

    /**
     * An open-loop run at {@code rate} operations per second in total, spread evenly over the
     * threads ({@code --rate}).
     */
    public BenchSettings withRate(double rate) {
        if (!(rate > 0.0)) {
            throw new IllegalArgumentException("--rate must be greater than 0, got " + rate);
        }
        return new BenchSettings(threads, duration, warmup, keys, valueSize, readProportion, seed, preload,
                preloadTimeout, json, rate);
    }

    /** Whether operations are issued on a fixed schedule ({@code --rate}) rather than each after the previous one. */
    public boolean openLoop() {
        return rate > 0.0;
    }

    /** {@code open} or {@code closed}, as the report names the loop. */
    public String loop() {
        return openLoop() ? "open" : "closed";
    }

    /**
     * The preload's bound for {@code keys} keys: the default, or longer for a large key space
     * (1 ms a key: a streamed preload writes several thousand a second even on a starved machine,
     * so only a stuck one hits it).
     */
    public static Duration preloadTimeoutFor(int keys) {
        Duration scaled = Duration.ofMillis(keys);
        return scaled.compareTo(DEFAULT_PRELOAD_TIMEOUT) > 0 ? scaled : DEFAULT_PRELOAD_TIMEOUT;
    }

    /** The read share as the peer benchmark's {@code readPct} (50 for 0.5). */
    public double readPct() {
        return readProportion * 100.0;
    }
}
