package io.dynamo.consensus;

import io.dynamo.replica.StoredKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the Paxos state of keys whose rounds are long over, so that the acceptor's engine does
 * not keep one entry for every key ever written conditionally (Cassandra keeps its Paxos rows for
 * gc_grace for the same reason). A state goes once it holds no proposal in progress and both its
 * promise and its last commit are older than the tombstone grace. Its promise then blocks nobody
 * that could still run: a round lasts about a request timeout, and a ballot is its leader's
 * clock, bounded by the maximum clock skew, both far below the grace. Its request ids are older
 * than any client's re-send. An accepted proposal not known committed stays, whatever its age.
 */
public final class PaxosPurge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PaxosPurge.class);
    /** States examined per partition between removals: a scan never holds more keys than this. */
    private static final int BATCH = 1000;

    private final Acceptor acceptor;
    private final IntSupplier partitions;
    private final Duration grace;
    private final LongSupplier wallMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paxos-purge");
        t.setDaemon(true);
        return t;
    });

    public PaxosPurge(Acceptor acceptor, IntSupplier partitions, Duration grace, LongSupplier wallMillis) {
        this.acceptor = acceptor;
        this.partitions = partitions;
        this.grace = grace;
        this.wallMillis = wallMillis;
    }

    /** Runs a pass every quarter of the grace (at least a minute apart). */
    public void start() {
        long every = Math.max(TimeUnit.MINUTES.toMillis(1), grace.toMillis() / 4);
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** One pass over every partition: the number of states forgotten. */
    public int runOnce() {
        long cutoff = wallMillis.getAsLong() - grace.toMillis();
        int forgotten = 0;
        for (int p = 0; p < partitions.getAsInt(); p++) {
            List<byte[]> settled = new ArrayList<>();
            byte[][] last = new byte[1][];
            do {
                settled.clear();
                acceptor.store().scanFrom(p, last[0], (key, value) -> {
                    last[0] = key.clone(); // the engine may reuse the array after the call
                    if (PaxosState.decode(value).settledBefore(cutoff)) {
                        settled.add(last[0]);
                    }
                    return settled.size() < BATCH;
                });
                for (byte[] stored : settled) {
                    if (acceptor.forgetIfSettled(StoredKey.cacheOf(stored), p, StoredKey.keyOf(stored), cutoff)) {
                        forgotten++;
                    }
                }
            } while (settled.size() >= BATCH);
        }
        return forgotten;
    }

    private void runQuietly() {
        try {
            int forgotten = runOnce();
            if (forgotten > 0) {
                log.debug("forgot the Paxos state of {} keys settled for longer than {}", forgotten, grace);
            }
        } catch (RuntimeException e) {
            log.warn("Paxos state purge failed, retried at the next pass: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
