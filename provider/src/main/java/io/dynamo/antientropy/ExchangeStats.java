package io.dynamo.antientropy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What exchanges moved: keys and bytes each way (bytes are message payloads: tree hashes, digests
 * and entries). A round's or a job's figures also count, as they happen, in the totals they were
 * made for, so an operator sees repair progress live rather than at the end of a round.
 */
public final class ExchangeStats {
    private final AtomicLong keysSent = new AtomicLong();
    private final AtomicLong keysReceived = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final Optional<ExchangeStats> totals;

    public ExchangeStats() {
        this.totals = Optional.empty();
    }

    /** Figures that are also added to {@code totals}. */
    ExchangeStats(ExchangeStats totals) {
        this.totals = Optional.of(totals);
    }

    public long keysSent() {
        return keysSent.get();
    }

    public long keysReceived() {
        return keysReceived.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    void sentKeys(long n) {
        add(n, s -> s.keysSent);
    }

    void receivedKeys(long n) {
        add(n, s -> s.keysReceived);
    }

    void sentBytes(long n) {
        add(n, s -> s.bytesSent);
    }

    void receivedBytes(long n) {
        add(n, s -> s.bytesReceived);
    }

    private void add(long n, Function<ExchangeStats, AtomicLong> figure) {
        figure.apply(this).addAndGet(n);
        totals.ifPresent(t -> t.add(n, figure));
    }
}
