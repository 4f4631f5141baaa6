package io.dynamo.handoff;

import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.Sibling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers hints in the background (paper §4.6): every {@code interval}, for each owner the
 * failure detector holds alive, sends each of its hints as a plain {@link ReplicaWrite} (the
 * owner merges it like any replication) and deletes the hint only after the acknowledgement, and
 * only if no newer state was merged into it meanwhile. A failed delivery leaves the hint for the
 * next round. At most {@code maxInFlight} deliveries are outstanding.
 *
 * <p>A hint for an owner that has left the ring goes to its key's current first primary (a
 * replica whatever the cache's N; anti-entropy spreads it to the others), not to the old owner
 * and not kept forever. A hint older than its lifetime is dropped with a warning: a tombstone
 * that superseded it may have been purged since, and delivering it would bring the deleted value
 * back (DESIGN §8). The owner then gets the key from the other replicas through anti-entropy.
 */
public final class HintedHandoff implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HintedHandoff.class);

    private final NodeId self;
    private final HintStore store;
    private final PeerClient peers;
    private final Predicate<NodeId> isUp;
    private final Supplier<Ring> ring;
    private final Duration interval;
    private final Duration timeout;
    private final int maxInFlight;
    private final Duration lifetime;
    private final ScheduledExecutorService timer;
    private final LongAdder handedOver = new LongAdder();

    /**
     * @param lifetime hints whose newest version is older than this are dropped, not delivered;
     *                 {@link #lifetimeFor} gives it from the tombstone grace
     */
    public HintedHandoff(NodeId self, HintStore store, PeerClient peers, Predicate<NodeId> isUp, Supplier<Ring> ring,
            Duration interval, Duration timeout, int maxInFlight, Duration lifetime) {
        this.self = self;
        this.store = store;
        this.peers = peers;
        this.isUp = isUp;
        this.ring = ring;
        this.interval = interval;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        this.lifetime = lifetime;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamo-handoff-" + self);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Half the tombstone grace. A purge removes a tombstone whose newest version is older than the
     * grace by the purging node's clock; a hint superseded by that tombstone is older still, so
     * it is already dropped here unless this node's clock lags the purger's by half the grace.
     */
    public static Duration lifetimeFor(Duration tombstoneGrace) {
        return tombstoneGrace.dividedBy(2);
    }

    public void start() {
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                deliverRound();
            } catch (RuntimeException e) {
                log.warn("hinted handoff round failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Hints acknowledged by their owner (or its stand-in) since start, for operators. */
    public long delivered() {
        return handedOver.sum();
    }

    /** One round: delivers what it can to every live owner, or current replica for owners that left; returns the hints delivered. */
    int deliverRound() throws InterruptedException {
        int delivered = 0;
        Ring current = ring.get();
        for (NodeId owner : new ArrayList<>(store.pendingByOwner().keySet())) {
            if (owner.equals(self)) {
                continue;
            }
            Optional<Member> member = current.member(owner);
            if (member.isPresent()) {
                if (isUp.test(owner)) {
                    delivered += deliver(owner, hint -> member);
                }
            } else {
                delivered += deliver(owner, hint -> Optional.of(current.preferenceList(hint.partition(), 1).primaries().get(0))
                        .filter(m -> isUp.test(m.id())));
            }
        }
        return delivered;
    }

    private int deliver(NodeId owner, Function<Hint, Optional<Member>> targetOf) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int expired = 0;
        long oldest = System.currentTimeMillis() - lifetime.toMillis();
        for (Hint hint : batchOf(owner)) {
            if (failed.get() > 0) {
                break; // the target stopped answering: the rest waits for a later round
            }
            if (newestMillis(hint) < oldest) {
                expired += store.removeIfUnchanged(hint) ? 1 : 0;
                continue;
            }
            Optional<Member> target = targetOf.apply(hint);
            if (target.isEmpty()) {
                continue;
            }
            inFlight.acquire();
            ReplicaWrite write = new ReplicaWrite(StoredKey.cacheOf(hint.storedKey()), hint.partition(),
                    StoredKey.keyOf(hint.storedKey()), hint.policy(), 0, hint.state().encode()); // N: the owner learnt it from the cache's other writes
            peers.call(target.get(), write, timeout).whenComplete((ack, error) -> {
                try {
                    if (error == null) {
                        store.removeIfUnchanged(hint);
                        delivered.incrementAndGet();
                        handedOver.increment();
                    } else {
                        failed.incrementAndGet();
                    }
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(maxInFlight); // wait for the last acknowledgements
        if (expired > 0) {
            log.warn("dropped {} hint(s) for {} older than the hint lifetime of {}: a purged tombstone may have superseded them;"
                    + " anti-entropy repairs that replica instead", expired, owner, lifetime);
        }
        if (delivered.get() > 0) {
            log.info("handed {} hint(s) for {} over{}", delivered.get(), owner, failed.get() > 0 ? ", " + failed.get() + " failed" : "");
        }
        return delivered.get();
    }

    private List<Hint> batchOf(NodeId owner) {
        List<Hint> batch = new ArrayList<>();
        store.forOwner(owner, hint -> {
            batch.add(hint);
            return batch.size() < 10_000;
        });
        return batch;
    }

    /** The wall-clock time of the hint's newest version: what the tombstone purge compares with its grace too. */
    private static long newestMillis(Hint hint) {
        long newest = 0;
        for (Sibling s : hint.state().siblings()) {
            newest = Math.max(newest, HybridLogicalClock.physicalMillis(s.timestamp()));
        }
        return newest;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
