package io.dynamo.rebalance;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.StreamEntries;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.ring.Member;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sending side of one partition stream (paper §4.9): entries gathered into frames of about
 * {@link #FRAME_BYTES}, each sent as one {@link StreamEntries} the target merges and acknowledges,
 * with flow control: at most {@code inFlightBytes} sent and not yet acknowledged, so a slow target
 * holds the sender's scan back instead of filling memory or the transport's queues.
 */
final class StreamFrames {
    static final int FRAME_BYTES = 1 << 20;

    private final PeerClient peers;
    private final Member target;
    private final int partition;
    private final Duration timeout;
    private final int budget;
    private final Semaphore inFlight;
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<String, Integer> caches = new LinkedHashMap<>();
    private List<byte[]> frameKeys = new ArrayList<>();
    private List<byte[]> frameStates = new ArrayList<>();
    private int frameBytes;

    StreamFrames(PeerClient peers, Member target, int partition, Duration timeout, int inFlightBytes) {
        this.peers = peers;
        this.target = target;
        this.partition = partition;
        this.timeout = timeout;
        this.budget = Math.max(FRAME_BYTES, inFlightBytes);
        this.inFlight = new Semaphore(budget);
    }

    /**
     * Adds an entry of {@code cache} (whose N is {@code n}), sending the frame once full.
     * @return false once a frame failed: the stream stops
     */
    boolean add(String cache, int n, byte[] storedKey, byte[] state) {
        caches.put(cache, n);
        frameKeys.add(storedKey);
        frameStates.add(state);
        frameBytes += storedKey.length + state.length;
        if (frameBytes >= FRAME_BYTES) {
            send();
        }
        return failure.get() == null;
    }

    /** Sends the last frame and waits for every acknowledgement; what the target acknowledged, or the first failure. */
    StreamResult finish() {
        if (!frameKeys.isEmpty() && failure.get() == null) {
            send();
        }
        acquire(budget);
        inFlight.release(budget);
        if (failure.get() != null) {
            // An answer for the planner (it retries or tries another replica), not a bug to log here.
            throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, "stream of partition " + partition + " to " + target.id()
                    + " failed: " + failure.get().getMessage());
        }
        return new StreamResult(keys.get(), bytes.get());
    }

    private void send() {
        List<byte[]> names = new ArrayList<>(caches.size());
        int[] ns = new int[caches.size()];
        int i = 0;
        for (Map.Entry<String, Integer> c : caches.entrySet()) {
            names.add(c.getKey().getBytes(StandardCharsets.UTF_8));
            ns[i++] = c.getValue();
        }
        StreamEntries frame = new StreamEntries(partition, names, ns, frameKeys, frameStates);
        int size = frameBytes;
        int permits = Math.min(size, budget);
        long count = frameKeys.size();
        frameKeys = new ArrayList<>();
        frameStates = new ArrayList<>();
        frameBytes = 0;
        caches.clear();
        acquire(permits);
        peers.call(target, frame, timeout).whenComplete((ack, error) -> {
            if (error == null) {
                keys.addAndGet(count);
                bytes.addAndGet(size);
            } else {
                failure.compareAndSet(null, PeerClient.unwrap(error));
            }
            inFlight.release(permits);
        });
    }

    private void acquire(int permits) {
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming", e);
        }
    }
}
