package io.dynamo.membership;

import io.dynamo.ring.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The phi-accrual failure detector (Hayashibara et al., the one Cassandra uses; paper §4.8.3
 * keeps detection local to each node). For each peer it learns the distribution of the gaps
 * between heartbeats and computes phi = -log10(P(a gap at least this long)): suspicion grows
 * with silence, scaled to how regular that peer has been. A peer is down when phi exceeds the
 * threshold.
 *
 * <p>Two kinds of evidence besides gossip heartbeats: any answer from the peer is a sign of
 * life ({@link #alive}), and a transport failure talking to it ({@link #failed}) holds it down
 * until the next sign of life: a refused connection says more than silence does.
 *
 * <p>Gaps are modelled as a normal distribution of the window's mean and deviation (at least
 * {@code minDeviation}), shifted by {@code acceptablePause} to ride out GC pauses, as Akka does.
 * A peer never heard from is up: the detector has no evidence against it yet.
 */
public final class PhiAccrualDetector {
    public static final double DEFAULT_THRESHOLD = 8.0;
    /**
     * A gap longer than this many expected intervals was an outage (the peer was down or cut
     * off), not jitter: it is left out of the window, or the next outage would be noticed late.
     */
    static final long MAX_GAP_FACTOR = 10;

    private final double threshold;
    private final int windowSize;
    private final double minDeviationNanos;
    private final double acceptablePauseNanos;
    private final double firstGapNanos;
    private final LongSupplier nanoTime;
    private final Map<NodeId, History> peers = new ConcurrentHashMap<>();

    public PhiAccrualDetector(double threshold, int windowSize, long minDeviationNanos, long acceptablePauseNanos,
            long expectedIntervalNanos, LongSupplier nanoTime) {
        if (threshold <= 0 || windowSize < 1 || minDeviationNanos <= 0 || acceptablePauseNanos < 0 || expectedIntervalNanos <= 0) {
            throw new IllegalArgumentException("phi threshold, window, deviation and interval must be positive");
        }
        this.threshold = threshold;
        this.windowSize = windowSize;
        this.minDeviationNanos = minDeviationNanos;
        this.acceptablePauseNanos = acceptablePauseNanos;
        this.firstGapNanos = expectedIntervalNanos;
        this.nanoTime = nanoTime;
    }

    /** Threshold 8, 100 gaps, 200 ms minimum deviation, 1 s acceptable pause, heartbeats every {@code interval}. */
    public static PhiAccrualDetector forInterval(java.time.Duration interval) {
        return new PhiAccrualDetector(DEFAULT_THRESHOLD, 100, 200_000_000L, 1_000_000_000L, interval.toNanos(), System::nanoTime);
    }

    /** A heartbeat of {@code peer} arrived: a gap sample, and a sign of life. */
    public void heartbeat(NodeId peer) {
        long now = nanoTime.getAsLong();
        History h = peers.computeIfAbsent(peer, p -> new History());
        synchronized (h) {
            long gap = now - h.lastHeartbeat;
            if (h.lastHeartbeat != Long.MIN_VALUE && gap <= MAX_GAP_FACTOR * firstGapNanos) {
                h.addGap(gap, windowSize);
            } else if (h.lastHeartbeat == Long.MIN_VALUE) {
                h.addGap((long) firstGapNanos, windowSize);
            }
            h.lastHeartbeat = now;
            h.lastSeen = now;
            h.failed = false;
        }
    }

    /** {@code peer} answered a request: alive now, though not a regular heartbeat (no gap sample). */
    public void alive(NodeId peer) {
        long now = nanoTime.getAsLong();
        History h = peers.computeIfAbsent(peer, p -> new History());
        synchronized (h) {
            h.lastSeen = now;
            h.failed = false;
        }
    }

    /** Talking to {@code peer} failed at the transport: down until the next sign of life. */
    public void failed(NodeId peer) {
        History h = peers.computeIfAbsent(peer, p -> new History());
        synchronized (h) {
            h.failed = true;
        }
    }

    public double phi(NodeId peer) {
        History h = peers.get(peer);
        if (h == null) {
            return 0;
        }
        synchronized (h) {
            if (h.failed) {
                return Double.POSITIVE_INFINITY;
            }
            if (h.lastSeen == Long.MIN_VALUE) {
                return 0;
            }
            double elapsed = nanoTime.getAsLong() - h.lastSeen;
            double mean = (h.count == 0 ? firstGapNanos : h.sum / h.count) + acceptablePauseNanos;
            double variance = h.count == 0 ? 0 : h.sumSquares / h.count - (h.sum / h.count) * (h.sum / h.count);
            double deviation = Math.max(Math.sqrt(Math.max(variance, 0)), minDeviationNanos);
            return phi(elapsed, mean, deviation);
        }
    }

    public boolean isUp(NodeId peer) {
        return phi(peer) < threshold;
    }

    /** Peers this detector has heard of and now holds down. */
    public List<NodeId> down() {
        List<NodeId> out = new ArrayList<>();
        for (NodeId id : peers.keySet()) {
            if (!isUp(id)) {
                out.add(id);
            }
        }
        out.sort(null);
        return out;
    }

    /** -log10 of the normal tail beyond {@code elapsed}, with the logistic approximation of the CDF Akka uses. */
    static double phi(double elapsed, double mean, double deviation) {
        double y = (elapsed - mean) / deviation;
        double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        if (elapsed > mean) {
            return -Math.log10(e / (1.0 + e));
        }
        return -Math.log10(1.0 - 1.0 / (1.0 + e));
    }

    /** The last gaps of one peer, as running sums over a ring buffer. */
    private static final class History {
        long[] gaps = new long[8];
        int start;
        int count;
        double sum;
        double sumSquares;
        long lastHeartbeat = Long.MIN_VALUE;
        long lastSeen = Long.MIN_VALUE;
        boolean failed;

        void addGap(long gap, int window) {
            if (count == window) {
                long old = gaps[start];
                start = (start + 1) % gaps.length;
                count--;
                sum -= old;
                sumSquares -= (double) old * old;
            }
            if (count == gaps.length) {
                long[] bigger = new long[Math.min(window, gaps.length * 2)];
                for (int i = 0; i < count; i++) {
                    bigger[i] = gaps[(start + i) % gaps.length];
                }
                gaps = bigger;
                start = 0;
            }
            gaps[(start + count) % gaps.length] = gap;
            count++;
            sum += gap;
            sumSquares += (double) gap * gap;
        }
    }
}
