package io.dynamo.rebalance;

import io.dynamo.membership.Membership;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.rebalance.RebalanceMessage.StreamPartition;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PartitionMove;
import io.dynamo.ring.Ring;
import io.dynamo.ring.RingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a join or a leave planned at this node (paper §4.9 "adding/removing storage
 * nodes": the nodes that give up a key range transfer it to the new owner). The plan is
 * {@link Ring#join}/{@link Ring#leave}, which moves as few partitions as possible; its moves are
 * made one at a time, while reads and writes go on: first the data each node newly responsible
 * for a partition (in some key's top N) needs is streamed to it from a current replica, then the
 * ring with that one partition's new owner is gossiped. Ownership thus flips partition by
 * partition, each only after its data arrived. At the end, once every node has adopted the final
 * ring, a second pass streams to every replica of the final ring that was not one before the
 * change, from every former replica: writes that reached old replicas between a range's first
 * stream and the ring's spread are carried over too (merges are idempotent, so repeating a
 * stream is harmless).
 *
 * <p>A node that crashes mid-transfer does not lose the change: a target or source that is down
 * is waited for (up to two minutes), and the planner saves the plan (original and target rings)
 * in its data directory when it makes it, so that after a crash it resumes from the ring gossip
 * holds, at the step it had reached, by itself on restart or when the same command is given again.
 *
 * <p>One change at a time per planning node. Preference lists are reckoned with
 * {@link #REPLICAS} replicas: caches with a larger N would need a later anti-entropy pass.
 */
public final class Rebalancer {
    private static final Logger log = LoggerFactory.getLogger(Rebalancer.class);
    static final int REPLICAS = 3;
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    static final String STATE_FILE = "change-target";

    private final Membership membership;
    private final PeerClient peers;
    private final Duration streamTimeout;
    private volatile Progress progress = new Progress("no change planned here", false, 0, 0, 0, 0, 0, "");
    private volatile long startedNanos;

    private record Progress(String description, boolean running, int moved, int total, long keys, long bytes, long elapsedMillis,
            String error) {}

    /** A range to carry to a node newly responsible for it: partition {@code partition} to {@code target}. */
    record Transfer(int partition, Member target, List<Member> sources) {}

    private final Path stateFile;

    /** @param stateDir where the plan under way is kept, so that this node resumes it after a crash */
    public Rebalancer(Membership membership, PeerClient peers, Duration streamTimeout, Path stateDir) {
        this.membership = membership;
        this.peers = peers;
        this.streamTimeout = streamTimeout;
        this.stateFile = stateDir.resolve(STATE_FILE);
    }

    /**
     * Resumes, in the background, a change this node was carrying out when it stopped: its target
     * ring was saved when it was planned, and the moves still missing are those from the ring
     * gossip holds now (waited for a few seconds, so the ring of the last step made is known).
     */
    public void resumeSaved() {
        Optional<Saved> saved = loadSaved();
        if (saved.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(SETTLE.toMillis());
                synchronized (this) {
                    if (!progress.running()) {
                        begin("resumed " + saved.get().description(), saved.get().start(), membership.ring(), saved.get().target());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dynamo-rebalance-resume");
        t.setDaemon(true);
        t.start();
    }

    private record Saved(String description, Ring start, Ring target) {}

    /** Plans a join ({@code member} ID@HOST:PORT) or leave ({@code member} ID) and starts it in the background. */
    public synchronized ChangeProgress start(boolean join, String member) {
        if (progress.running()) {
            throw new IllegalArgumentException("a change is already in progress here: " + progress.description());
        }
        Ring current = membership.ring();
        Optional<Saved> saved = loadSaved();
        NodeId id = parseId(member);
        if (saved.isPresent() && saved.get().target().member(id).isPresent() == join) {
            // The same change, stopped halfway (this node crashed, or a node it waited for did not come back): go on.
            return begin("resumed " + saved.get().description(), saved.get().start(), current, saved.get().target());
        }
        Planned planned = plan(current, join, member);
        Ring target = planned.target();
        String what = planned.what();
        save(what, current, target);
        return begin(what, current, current, target);
    }

    /**
     * Plans the change without carrying it out (a dry run): completes with the partitions that
     * would move and the keys and bytes that would be streamed, asked of a current replica of
     * each; nothing is saved or moved.
     */
    public CompletableFuture<ChangeProgress> plan(boolean join, String member) {
        Ring current = membership.ring();
        Planned planned = plan(current, join, member);
        return new DryRun(peers, streamTimeout).estimate(planned.what(), current, planned.target());
    }

    private record Planned(String what, Ring target) {}

    private static Planned plan(Ring current, boolean join, String member) {
        try {
            if (join) {
                Member m = Member.parse(member);
                return new Planned("join of " + m, current.join(m));
            }
            NodeId id = parseId(member);
            return new Planned("leave of " + id, current.leave(id));
        } catch (RingException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** What a change means in partitions: the summary both a plan and a dry run print. */
    static String describe(String what, Ring current, Ring target) {
        return what + ": " + current.movesTo(target).size() + " of " + current.partitionCount() + " partitions move; after: "
                + target.partitionCounts();
    }

    /** Starts the moves from {@code current} to {@code target} of a change planned on {@code original}. */
    private ChangeProgress begin(String what, Ring original, Ring current, Ring target) {
        List<PartitionMove> moves = current.movesTo(target);
        String description = describe(what, current, target);
        startedNanos = System.nanoTime();
        progress = new Progress(description, true, 0, moves.size(), 0, 0, 0, "");
        log.info("planned {}", description);
        Thread worker = new Thread(() -> run(original, current, target, moves), "dynamo-rebalance");
        worker.setDaemon(true);
        worker.start();
        return status();
    }

    public ChangeProgress status() {
        Progress p = progress;
        long elapsed = p.running() ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos) : p.elapsedMillis();
        return new ChangeProgress(p.description(), p.running(), p.moved(), p.total(), p.keys(), p.bytes(), elapsed, p.error());
    }

    private void run(Ring original, Ring start, Ring target, List<PartitionMove> moves) {
        List<Member> during = new ArrayList<>(start.members());
        for (Member m : target.members()) {
            if (!during.contains(m)) {
                during.add(m);
            }
        }
        long[] totals = new long[2];
        try {
            Ring ring = start;
            for (int i = 0; i < moves.size(); i++) {
                PartitionMove move = moves.get(i);
                Ring next = ring.withOwner(move.partition(), move.to(), i == moves.size() - 1 ? target.members() : during);
                for (Transfer t : transfers(ring, next)) {
                    stream(t, true, totals);
                }
                membership.proposeRing(next);
                ring = next;
                update(i + 1, totals, true, "");
            }
            Thread.sleep(SETTLE.toMillis()); // every node adopts the final ring (gossip runs every second)
            for (Transfer t : transfers(original, ring)) { // every final replica that was not one before, from every former replica
                stream(t, false, totals);
            }
            Files.deleteIfExists(stateFile);
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

    /**
     * Streams a range from {@code sources} (each of them, or the first that can when
     * {@code firstOnly}). A target or source that is down is waited for, up to
     * {@link #PATIENCE}: a node that crashed mid-transfer gets the range once it is back.
     */
    private void stream(Transfer t, boolean firstOnly, long[] totals) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Exception last = null;
            int streamed = 0;
            for (Member source : t.sources()) {
                try {
                    StreamResult r = (StreamResult) peers.call(source, new StreamPartition(t.partition(), t.target().spec()), streamTimeout)
                            .get(streamTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                    synchronized (totals) {
                        totals[0] += r.keys();
                        totals[1] += r.bytes();
                    }
                    streamed++;
                    if (firstOnly) {
                        break;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e; // this source, or the target, is down: another replica may serve, or a later try
                }
            }
            if (streamed > 0) {
                update(progress.moved(), totals, true, "");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no replica could stream partition " + t.partition() + " to " + t.target().id()
                        + " within " + PATIENCE + ": " + (last == null ? "no source" : last.getMessage()), last);
            }
            log.info("partition {} cannot reach {} yet ({}); retrying", t.partition(), t.target().id(),
                    last == null ? "no source" : last.getMessage());
            Thread.sleep(1000);
        }
    }

    private static NodeId parseId(String member) {
        int at = member.indexOf('@');
        try {
            return new NodeId(at < 0 ? member : member.substring(0, at));
        } catch (RingException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private void save(String description, Ring start, Ring target) {
        try {
            Files.createDirectories(stateFile.getParent());
            Path tmp = stateFile.resolveSibling(STATE_FILE + ".tmp");
            Files.write(tmp, new WireWriter(256).string(description).bytes(start.encode()).bytes(target.encode())
                    .toByteArray());
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the plan in " + stateFile, e);
        }
    }

    private Optional<Saved> loadSaved() {
        try {
            if (!Files.exists(stateFile)) {
                return Optional.empty();
            }
            WireReader in = new WireReader(Files.readAllBytes(stateFile));
            return Optional.of(new Saved(in.string(), Ring.decode(in.bytes()), Ring.decode(in.bytes())));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("ignoring an unreadable saved plan {}: {}", stateFile, e.toString());
            return Optional.empty();
        }
    }

    private void update(int moved, long[] totals, boolean running, String error) {
        Progress p = progress;
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        synchronized (totals) {
            progress = new Progress(p.description(), running, moved, p.total(), totals[0], totals[1], elapsed, error);
        }
    }
}
