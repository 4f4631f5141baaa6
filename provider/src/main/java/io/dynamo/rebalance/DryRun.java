package io.dynamo.rebalance;

import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.rebalance.RebalanceMessage.PartitionSize;
import io.dynamo.rebalance.RebalanceMessage.PartitionSizeResult;
import io.dynamo.rebalance.Transfers.Transfer;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Ring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A staged change's "show" step (riak_core's plan, show, commit): what a join or leave would
 * stream, from the sizes the current replicas report, without moving anything. Each range a node
 * would newly hold counts once per new holder, as it would be streamed; the catch-up pass that
 * follows a real change streams only what was written meanwhile, so it is left out.
 */
final class DryRun {
    private final PeerClient peers;
    private final Duration timeout;

    DryRun(PeerClient peers, Duration timeout) {
        this.peers = peers;
        this.timeout = timeout;
    }

    CompletableFuture<ChangeProgress> estimate(String what, Ring current, Ring target, CacheReplicas caches) {
        List<Transfer> transfers = Transfers.between(current, target, caches);
        AtomicLong keys = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<String> unknown = new ArrayList<>();
        List<CompletableFuture<?>> asks = new ArrayList<>(transfers.size());
        for (Transfer t : transfers) {
            asks.add(peers.call(t.sources().get(0), new PartitionSize(t.partition()), PartitionSizeResult.class, timeout)
                    .handle((size, error) -> {
                        if (error == null) {
                            keys.addAndGet(size.keys());
                            bytes.addAndGet(size.bytes());
                        } else {
                            synchronized (unknown) {
                                unknown.add(t.partition() + " (" + t.sources().get(0).id() + ": " + PeerClient.unwrap(error).getMessage() + ")");
                            }
                        }
                        return null;
                    }));
        }
        String description = "dry run, nothing moved: " + Rebalancer.describe(what, current, target) + "; " + transfers.size()
                + " partition streams to new replicas";
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> {
            String error;
            synchronized (unknown) {
                error = unknown.isEmpty() ? "" : "sizes unknown for partitions " + String.join(", ", unknown);
            }
            return new ChangeProgress(description, false, 0, current.movesTo(target).size(), keys.get(), bytes.get(), 0, error);
        });
    }
}
