package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.replica.CacheReplicas;
import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.rebalance.RebalanceMessage.PartitionSize;
import io.dynamo.rebalance.RebalanceMessage.PartitionSizeResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DryRunTest {
    private static final List<Member> THREE = List.of(Member.parse("n1@10.0.0.1:7000"), Member.parse("n2@10.0.0.2:7000"),
            Member.parse("n3@10.0.0.3:7000"));
    private static final Member N4 = Member.parse("n4@10.0.0.4:7000");

    private final List<Message> sent = new ArrayList<>();

    private PeerClient peers(Member down) {
        return FakePeers.members((peer, request, timeout) -> {
            synchronized (sent) {
                sent.add(request);
            }
            if (peer.equals(down)) {
                return CompletableFuture.failedFuture(new TransportException("connection refused by " + peer.id()));
            }
            int partition = ((PartitionSize) request).partition();
            return CompletableFuture.completedFuture(new PartitionSizeResult(10, 1000 + partition));
        });
    }

    @Test
    void aJoinsPlanCountsWhatEveryNewReplicaWouldBeStreamedAndAsksNothingElse() throws Exception {
        Ring current = Ring.create(64, THREE);
        Ring target = current.join(N4);
        List<Transfers.Transfer> transfers = Transfers.between(current, target, CacheReplicas.inMemory());
        ChangeProgress plan = new DryRun(peers(null), Duration.ofSeconds(1)).estimate("join of " + N4, current, target, CacheReplicas.inMemory())
                .get(5, TimeUnit.SECONDS);
        assertThat(plan.running()).isFalse();
        assertThat(plan.moved()).isZero();
        assertThat(plan.total()).isEqualTo(current.movesTo(target).size()).isEqualTo(16);
        assertThat(plan.keys()).isEqualTo(10L * transfers.size());
        assertThat(plan.bytes()).isEqualTo(transfers.stream().mapToLong(t -> 1000 + t.partition()).sum());
        assertThat(plan.description()).startsWith("dry run, nothing moved: join of n4").contains("16 of 64 partitions move");
        assertThat(plan.error()).isEmpty();
        assertThat(sent).hasSize(transfers.size()).allMatch(m -> m instanceof PartitionSize);
    }

    @Test
    void aSourceThatDoesNotAnswerLeavesItsPartitionsNamedAsUnknown() throws Exception {
        Ring current = Ring.create(64, THREE).join(N4);
        Ring target = current.leave(N4.id());
        Member down = THREE.get(0);
        long unknown = Transfers.between(current, target, CacheReplicas.inMemory()).stream().filter(t -> t.sources().get(0).equals(down)).count();
        ChangeProgress plan = new DryRun(peers(down), Duration.ofSeconds(1)).estimate("leave of n4", current, target, CacheReplicas.inMemory())
                .get(5, TimeUnit.SECONDS);
        assertThat(unknown).isPositive();
        assertThat(plan.error()).startsWith("sizes unknown for partitions").contains("connection refused by n1");
        assertThat(plan.keys()).isEqualTo(10L * (Transfers.between(current, target, CacheReplicas.inMemory()).size() - unknown));
    }
}
