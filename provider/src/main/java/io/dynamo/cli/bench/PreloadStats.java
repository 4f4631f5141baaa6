package io.dynamo.cli.bench;

/** The preload: every key written once, how long it took, and how many writes had to be retried. */
public record PreloadStats(long keys, double seconds, long retries) {
    public double putsPerSec() {
        return seconds > 0 ? keys / seconds : 0.0;
    }
}
