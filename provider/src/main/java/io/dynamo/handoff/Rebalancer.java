package io.dynamo.handoff;

import io.dynamo.coordinator.Peers;
import io.dynamo.membership.Membership;
import io.dynamo.protocol.Message.ChangeProgress;
import io.dynamo.protocol.Message.StreamPartition;
import io.dynamo.protocol.Message.StreamResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PartitionMove;
import io.dynamo.ring.Ring;
import io.dynamo.ring.RingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a join or a leave planned at this node (paper §4.9.1 "adding/removing storage
 * nodes": the nodes that give up a key range transfer it to the new owner). The plan is
 * {@link Ring#join}/{@link Ring#leave}, which moves as few partitions as possible; its moves are
 * made one at a time, while reads and writes go on: first the data each node newly responsible
 * for a partition (in some key's top N) needs is streamed to it from a current replica, then the
 * ring with that one partition's new owner is gossiped. Ownership thus flips partition by
 * partition, each only after its data arrived. At the end, once every node has adopted the final
 * ring, a second pass streams the same ranges again from every former replica: writes that
 * reached old replicas between a range's first stream and the ring's spread are carried over too
 * (merges are idempotent, so repeating a stream is harmless).
 *
 * <p>One change at a time per planning node. Preference lists are reckoned with
 * {@link #REPLICAS} replicas: caches with a larger N would need a later anti-entropy pass.
 */
public final class Rebalancer {
    private static final Logger log = LoggerFactory.getLogger(Rebalancer.class);
    static final int REPLICAS = 3;
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private final Membership membership;
    private final Peers peers;
    private final Duration streamTimeout;
    private volatile Progress progress = new Progress("no change planned here", false, 0, 0, 0, 0, 0, "");
    private volatile long startedNanos;

    private record Progress(String description, boolean running, int moved, int total, long keys, long bytes, long elapsedMillis,
            String error) {}

    /** A range to carry to a node newly responsible for it: partition {@code partition} to {@code target}. */
    record Transfer(int partition, Member target, List<Member> sources) {}

    public Rebalancer(Membership membership, Peers peers, Duration streamTimeout) {
        this.membership = membership;
        this.peers = peers;
        this.streamTimeout = streamTimeout;
    }

    /** Plans a join ({@code member} ID@HOST:PORT) or leave ({@code member} ID) and starts it in the background. */
    public synchronized ChangeProgress start(boolean join, String member) {
        if (progress.running()) {
            throw new IllegalArgumentException("a change is already in progress here: " + progress.description());
        }
        Ring current = membership.ring();
        Ring target;
        String what;
        try {
            if (join) {
                Member m = Member.parse(member);
                target = current.join(m);
                what = "join of " + m;
            } else {
                NodeId id = new NodeId(member);
                target = current.leave(id);
                what = "leave of " + id;
            }
        } catch (RingException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        List<PartitionMove> moves = current.movesTo(target);
        String description = what + ": " + moves.size() + " of " + current.partitionCount() + " partitions move; after: "
                + target.partitionCounts();
        startedNanos = System.nanoTime();
        progress = new Progress(description, true, 0, moves.size(), 0, 0, 0, "");
        log.info("planned {}", description);
        Thread worker = new Thread(() -> run(current, target, moves), "dynamo-rebalance");
        worker.setDaemon(true);
        worker.start();
        return status();
    }

    public ChangeProgress status() {
        Progress p = progress;
        long elapsed = p.running() ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos) : p.elapsedMillis();
        return new ChangeProgress(p.description(), p.running(), p.moved(), p.total(), p.keys(), p.bytes(), elapsed, p.error());
    }

    private void run(Ring start, Ring target, List<PartitionMove> moves) {
        List<Member> during = new ArrayList<>(start.members());
        for (Member m : target.members()) {
            if (!during.contains(m)) {
                during.add(m);
            }
        }
        Map<String, Transfer> all = new LinkedHashMap<>();
        long[] totals = new long[2];
        try {
            Ring ring = start;
            for (int i = 0; i < moves.size(); i++) {
                PartitionMove move = moves.get(i);
                Ring next = ring.withOwner(move.partition(), move.to(), i == moves.size() - 1 ? target.members() : during);
                for (Transfer t : transfers(ring, next)) {
                    stream(t, t.sources().subList(0, 1), totals);
                    all.putIfAbsent(t.partition() + ">" + t.target().id(), t);
                }
                membership.proposeRing(next);
                ring = next;
                update(i + 1, totals, true, "");
            }
            Thread.sleep(SETTLE.toMillis()); // every node adopts the final ring (gossip runs every second)
            for (Transfer t : all.values()) {
                stream(t, t.sources(), totals);
            }
            update(moves.size(), totals, false, "");
            log.info("change done: {} partitions moved, {} keys and {} bytes streamed", moves.size(), totals[0], totals[1]);
        } catch (Exception e) {
            log.warn("change stopped: {}", e.toString());
            update(progress.moved(), totals, false, e.getMessage() == null ? e.toString() : e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For every partition, the nodes in its top-N under {@code next} that were not under {@code ring}, with the old replicas as sources. */
    static List<Transfer> transfers(Ring ring, Ring next) {
        List<Transfer> out = new ArrayList<>();
        int nBefore = Math.min(REPLICAS, ring.members().size());
        int nAfter = Math.min(REPLICAS, next.members().size());
        for (int q = 0; q < ring.partitionCount(); q++) {
            List<Member> before = ring.preferenceList(q, nBefore).primaries();
            Set<Member> after = new LinkedHashSet<>(next.preferenceList(q, nAfter).primaries());
            for (Member m : after) {
                if (!before.contains(m)) {
                    List<Member> sources = new ArrayList<>(before);
                    sources.remove(m);
                    out.add(new Transfer(q, m, sources));
                }
            }
        }
        return out;
    }

    private void stream(Transfer t, List<Member> sources, long[] totals) throws Exception {
        Exception last = null;
        int streamed = 0;
        for (Member source : sources) {
            try {
                StreamResult r = (StreamResult) peers.call(source, new StreamPartition(t.partition(), t.target().spec()), streamTimeout)
                        .get(streamTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                synchronized (totals) {
                    totals[0] += r.keys();
                    totals[1] += r.bytes();
                }
                streamed++;
            } catch (Exception e) {
                last = e; // a down source: another replica may serve
            }
        }
        if (streamed == 0 && sources.size() == 1 && t.sources().size() > 1) {
            stream(t, t.sources().subList(1, t.sources().size()), totals); // the first choice failed: any other replica
        } else if (streamed == 0 && last != null) {
            throw new IllegalStateException("no replica could stream partition " + t.partition() + " to " + t.target().id()
                    + ": " + last.getMessage(), last);
        }
        update(progress.moved(), totals, true, "");
    }

    private void update(int moved, long[] totals, boolean running, String error) {
        Progress p = progress;
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        synchronized (totals) {
            progress = new Progress(p.description(), running, moved, p.total(), totals[0], totals[1], elapsed, error);
        }
    }
}
