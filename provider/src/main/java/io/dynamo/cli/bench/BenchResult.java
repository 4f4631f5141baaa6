package io.dynamo.cli.bench;

import java.util.List;
import java.util.Optional;

/**
 * What one run measured. Counts, errors and misses cover the measured window only (operations that
 * started before it or finished after it are left out); {@code errorSamples} keeps the first few
 * failures of any phase.
 *
 * @param measuredSeconds    actual length of the measured window (shorter than asked if stopped)
 * @param stoppedEarly       a stop request cut the run short
 * @param threadsStillRunning load threads that had not returned from their target call at the end
 */
public record BenchResult(double measuredSeconds, LatencySummary get, LatencySummary put, LatencySummary all,
                          long getErrors, long putErrors, long getMisses, List<String> errorSamples,
                          Optional<PreloadStats> preload, boolean stoppedEarly, int threadsStillRunning) {

    public BenchResult {
        errorSamples = List.copyOf(errorSamples);
    }

    public long errors() {
        return getErrors + putErrors;
    }

    public double opsPerSec() {
        return rate(all.count());
    }

    public double getsPerSec() {
        return rate(get.count());
    }

    public double putsPerSec() {
        return rate(put.count());
    }

    private double rate(long count) {
        return measuredSeconds > 0 ? count / measuredSeconds : 0.0;
    }
}
