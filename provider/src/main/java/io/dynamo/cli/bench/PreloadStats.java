package io.dynamo.cli.bench;

/**
 * The preload: every key written once, how long it took, how many writes had to be retried, and
 * how many keys a write carried (1: key by key; more: streamed in batches).
 */
public record PreloadStats(long keys, double seconds, long retries, int batchKeys) {
    public double putsPerSec() {
        return seconds > 0 ? keys / seconds : 0.0;
    }
}
