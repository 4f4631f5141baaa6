package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.AntiEntropySettings;
import io.dynamo.antientropy.AntiEntropyMessage.PartitionTree;
import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStart;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStatus;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummary;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.transport.Frame;
import io.dynamo.transport.Transport;
import io.dynamo.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The operator's side of anti-entropy: asks nodes for their trees' roots and counts, and starts
 * and follows on-demand repairs ({@code bin/dynamo admin repair}, {@code admin trees}).
 */
public final class AntiEntropyAdmin implements AutoCloseable {
    private static final MessageCodec CODEC = MessageCodec.of(AntiEntropyMessage.FAMILY);
    private final Transport transport;
    private final Ring ring;
    private final Duration timeout;

    private AntiEntropyAdmin(Transport transport, Ring ring, Duration timeout) {
        this.transport = transport;
        this.ring = ring;
        this.timeout = timeout;
    }

    /** Learns the ring from the first seed that answers. */
    public static AntiEntropyAdmin connect(String cluster, List<InetSocketAddress> seeds, Duration timeout) {
        Ring ring;
        try (DynamoClient client = DynamoClient.connect(new ClientConfig(cluster, seeds, timeout))) {
            ring = client.ring();
        }
        return new AntiEntropyAdmin(Transport.create(TransportConfig.defaults(cluster.isEmpty() ? TransportConfig.ANY_CLUSTER : cluster)),
                ring, timeout);
    }

    public Ring ring() {
        return ring;
    }

    /** Every member, or only the one named. */
    public List<Member> members(Optional<String> node) {
        if (node.isEmpty()) {
            return ring.members();
        }
        return List.of(ring.members().stream().filter(m -> m.id().value().equals(node.get())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member '" + node.get() + "' in the ring " + ring.members())));
    }

    public TreeSummaryResult trees(Member node) {
        return call(node, new TreeSummary(), TreeSummaryResult.class);
    }

    public RepairProgress startRepair(Member node, String cache) {
        return call(node, new RepairStart(cache), RepairProgress.class);
    }

    /** Sets the node's periodic interval (zero pauses), or only asks when {@code interval} is empty; returns the interval now. */
    public Duration interval(Member node, Optional<Duration> interval) {
        AntiEntropySettings s = call(node, new AntiEntropySettings(interval.map(Duration::toMillis).orElse(-1L)),
                AntiEntropySettings.class);
        return Duration.ofMillis(s.intervalMillis());
    }

    public RepairProgress repairStatus(Member node, long job) {
        return call(node, new RepairStatus(job), RepairProgress.class);
    }

    /**
     * Partitions whose replicas (the first {@code n} nodes of each preference list) disagree on
     * their tree roots, given every node's summary; a replica with no summary counts as differing.
     */
    public List<Integer> differingPartitions(List<TreeSummaryResult> summaries, int n) {
        java.util.Map<String, java.util.Map<Integer, PartitionTree>> byNode = new java.util.HashMap<>();
        for (TreeSummaryResult s : summaries) {
            java.util.Map<Integer, PartitionTree> trees = new java.util.HashMap<>();
            for (PartitionTree t : s.partitions()) {
                trees.put(t.partition(), t);
            }
            byNode.put(s.nodeId(), trees);
        }
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < ring.partitionCount(); p++) {
            PartitionTree first = null;
            for (Member m : ring.preferenceList(p, Math.min(n, ring.members().size())).primaries()) {
                PartitionTree t = byNode.getOrDefault(m.id().value(), java.util.Map.of()).get(p);
                if (t == null || !t.ready() || (first != null && (!Arrays.equals(first.root(), t.root()) || first.keys() != t.keys()))) {
                    out.add(p);
                    break;
                }
                first = first == null ? t : first;
            }
        }
        return out;
    }

    private <T extends Message> T call(Member node, Message request, Class<T> expected) {
        try {
            Frame f = transport.request(node.address(), request.type(), MessageCodec.encode(request), timeout)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            Message m = CODEC.decodeResponse(f.type(), f.payload());
            if (!expected.isInstance(m)) {
                throw new DynamoException(ErrorCode.INTERNAL, node.id() + " answered " + m.getClass().getSimpleName());
            }
            return expected.cast(m);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new DynamoException(ErrorCode.INTERNAL, node.id() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, node.id() + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoException(ErrorCode.INTERNAL, "interrupted");
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
