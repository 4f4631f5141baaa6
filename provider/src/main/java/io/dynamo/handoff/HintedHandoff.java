package io.dynamo.handoff;

import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers hints in the background (paper §4.6): every {@code interval}, for each owner the
 * failure detector holds alive, sends each of its hints as a plain {@link ReplicaWrite} (the
 * owner merges it like any replication) and deletes the hint only after the owner's
 * acknowledgement, and only if no newer state was merged into it meanwhile. A failed delivery
 * leaves the hint for the next round. At most {@code maxInFlight} deliveries are outstanding.
 */
public final class HintedHandoff implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HintedHandoff.class);

    private final NodeId self;
    private final HintStore store;
    private final PeerClient peers;
    private final Predicate<NodeId> isUp;
    private final Function<NodeId, Optional<Member>> addressOf;
    private final Duration interval;
    private final Duration timeout;
    private final int maxInFlight;
    private final ScheduledExecutorService timer;

    public HintedHandoff(NodeId self, HintStore store, PeerClient peers, Predicate<NodeId> isUp,
            Function<NodeId, Optional<Member>> addressOf, Duration interval, Duration timeout, int maxInFlight) {
        this.self = self;
        this.store = store;
        this.peers = peers;
        this.isUp = isUp;
        this.addressOf = addressOf;
        this.interval = interval;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamo-handoff-" + self);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                deliverRound();
            } catch (RuntimeException e) {
                log.warn("hinted handoff round failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: delivers what it can to every live owner; returns the hints delivered. */
    int deliverRound() throws InterruptedException {
        int delivered = 0;
        for (NodeId owner : new ArrayList<>(store.pendingByOwner().keySet())) {
            if (owner.equals(self) || !isUp.test(owner)) {
                continue;
            }
            Optional<Member> target = addressOf.apply(owner);
            if (target.isPresent()) {
                delivered += deliverTo(owner, target.get());
            }
        }
        return delivered;
    }

    private int deliverTo(NodeId owner, Member target) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Hint> batch = new ArrayList<>();
        store.forOwner(owner, hint -> {
            batch.add(hint);
            return batch.size() < 10_000;
        });
        for (Hint hint : batch) {
            if (failed.get() > 0) {
                break; // the owner stopped answering: the rest waits for a later round
            }
            inFlight.acquire();
            ReplicaWrite write = new ReplicaWrite(StoredKey.cacheOf(hint.storedKey()), hint.partition(),
                    StoredKey.keyOf(hint.storedKey()), hint.policy(), hint.state().encode());
            peers.call(target, write, timeout).whenComplete((ack, error) -> {
                try {
                    if (error == null) {
                        store.removeIfUnchanged(hint);
                        delivered.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(maxInFlight); // wait for the last acknowledgements
        if (delivered.get() > 0) {
            log.info("handed {} hint(s) over to {}{}", delivered.get(), owner, failed.get() > 0 ? ", " + failed.get() + " failed" : "");
        }
        return delivered.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
