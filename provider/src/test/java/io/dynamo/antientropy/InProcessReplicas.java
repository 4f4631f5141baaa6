package io.dynamo.antientropy;

import io.dynamo.replica.CacheReplicas;
import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStart;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStatus;
import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.LocalReplica;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.TransportException;
import io.dynamo.version.HybridLogicalClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Replicas of a small ring in one JVM: memory engines, real trees and exchanges, messages encoded as on the wire. */
final class InProcessReplicas implements AutoCloseable {
    private static final MessageCodec CODEC = MessageCodec.of(AntiEntropyMessage.FAMILY);
    static final int PARTITIONS = 16;

    final Ring ring;
    final int partitions;
    final List<Replica> replicas = new ArrayList<>();

    final class Replica {
        final Member member;
        final StorageEngine engine = StorageEngines.memory(EngineOptions.defaults());
        final LocalReplica local = new LocalReplica(engine, 25, 100);
        final ReplicaTrees trees = new ReplicaTrees(engine, partitions, 10, EngineOptions.DEFAULT_MAX_KEY_BYTES,
                EngineOptions.DEFAULT_MAX_VALUE_BYTES);
        /** Requests this replica sent, and their bytes and their answers' as encoded on the wire. */
        final java.util.concurrent.atomic.AtomicLong messagesSent = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong bytesOnWire = new java.util.concurrent.atomic.AtomicLong();
        final AntiEntropy antiEntropy;
        final CacheReplicas caches;
        volatile boolean up = true;

        Replica(Member member, AntiEntropyConfig config) {
            this.member = member;
            local.listen(trees);
            caches = new CacheReplicas(config.replicas(), java.util.Optional.empty());
            antiEntropy = new AntiEntropy(member.id(), () -> ring, local, trees, new Link(), HybridLogicalClock.system(), config, caches);
        }

        /** This replica's peer client: every call is encoded and decoded as on the wire, then served by the target's handler. */
        private final class Link implements PeerClient {
            @Override
            public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
                Replica target = replica(peer.id().value());
                if (!target.up) {
                    return CompletableFuture.failedFuture(new TransportException("connection refused: " + peer.id() + " is down"));
                }
                byte[] encoded = MessageCodec.encode(request);
                messagesSent.incrementAndGet();
                bytesOnWire.addAndGet(encoded.length);
                Message decoded = CODEC.decode(request.type(), encoded);
                return target.antiEntropy.handler().handle(decoded, Caller.UNKNOWN).thenApply(response -> {
                    byte[] answer = MessageCodec.encode(response);
                    bytesOnWire.addAndGet(answer.length);
                    return CODEC.decodeResponse(response.type(), answer);
                });
            }

            @Override
            public CompletableFuture<Message> call(java.net.InetSocketAddress address, Message request, Duration timeout) {
                throw new UnsupportedOperationException("anti-entropy calls members");
            }
        }

        /** Runs an on-demand repair here, as {@code admin repair --node} does, and waits for its end. */
        RepairProgress repair(String cache) throws Exception {
            RepairProgress p = (RepairProgress) antiEntropy.handler().handle(new RepairStart(cache), Caller.UNKNOWN).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!p.done()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("repair did not end: " + p);
                }
                Thread.sleep(10);
                p = (RepairProgress) antiEntropy.handler().handle(new RepairStatus(p.job()), Caller.UNKNOWN).get(10, TimeUnit.SECONDS);
            }
            return p;
        }
    }

    InProcessReplicas(int size, AntiEntropyConfig config) {
        this(size, config, PARTITIONS);
    }

    InProcessReplicas(int size, AntiEntropyConfig config, int partitions) {
        this.partitions = partitions;
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            members.add(new Member(new NodeId("n" + i), "127.0.0.1", 20000 + i));
        }
        this.ring = Ring.create(partitions, members);
        for (Member m : members) {
            replicas.add(new Replica(m, config));
        }
        for (Replica r : replicas) {
            r.antiEntropy.start();
        }
    }

    Replica replica(String id) {
        return replicas.stream().filter(r -> r.member.id().value().equals(id)).findFirst()
                .orElseThrow(() -> new DynamoException(ErrorCode.BAD_REQUEST, "no replica " + id));
    }

    Replica replica(int index) {
        return replicas.get(index);
    }

    int partitionOf(byte[] key) {
        return ring.partitionOf(key);
    }

    @Override
    public void close() {
        for (Replica r : replicas) {
            r.antiEntropy.close();
            r.engine.close();
        }
    }
}
