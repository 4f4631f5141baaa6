package io.dynamo.antientropy;

import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.coordinator.LocalReplica;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.Message.ErrorResult;
import io.dynamo.protocol.Message.RepairProgress;
import io.dynamo.protocol.Message.RepairStart;
import io.dynamo.protocol.Message.RepairStatus;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.Frame;
import io.dynamo.transport.TransportException;
import io.dynamo.version.HybridLogicalClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Replicas of a small ring in one JVM: memory engines, real trees and exchanges, messages encoded as on the wire. */
final class InProcessReplicas implements AutoCloseable {
    static final int PARTITIONS = 16;

    final Ring ring;
    final List<Replica> replicas = new ArrayList<>();

    final class Replica {
        final Member member;
        final StorageEngine engine = StorageEngines.memory(EngineOptions.defaults());
        final LocalReplica local = new LocalReplica(engine, 25, 100);
        final ReplicaTrees trees = new ReplicaTrees(engine, PARTITIONS, 10, EngineOptions.DEFAULT_MAX_KEY_BYTES,
                EngineOptions.DEFAULT_MAX_VALUE_BYTES);
        final AntiEntropy antiEntropy;
        volatile boolean up = true;

        Replica(Member member, AntiEntropyConfig config) {
            this.member = member;
            local.listen(trees);
            antiEntropy = new AntiEntropy(member.id(), () -> ring, local, trees, this::send, HybridLogicalClock.system(), config);
        }

        private CompletableFuture<Frame> send(Member peer, int type, byte[] payload, Duration timeout) {
            Replica target = replica(peer.id().value());
            if (!target.up) {
                return CompletableFuture.failedFuture(new TransportException("connection refused: " + peer.id() + " is down"));
            }
            Message request = MessageCodec.decode(type, payload);
            return target.antiEntropy.handle((Message.AntiEntropyRequest) request).handle((response, error) -> {
                Message out = error == null ? response : new ErrorResult(ErrorCode.INTERNAL, String.valueOf(error.getMessage()));
                return new Frame(out.type(), 0, MessageCodec.encode(out));
            });
        }

        /** Runs an on-demand repair here, as {@code admin repair --node} does, and waits for its end. */
        RepairProgress repair(String cache) throws Exception {
            RepairProgress p = (RepairProgress) antiEntropy.handle(new RepairStart(cache)).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!p.done()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("repair did not end: " + p);
                }
                Thread.sleep(10);
                p = (RepairProgress) antiEntropy.handle(new RepairStatus(p.job())).get(10, TimeUnit.SECONDS);
            }
            return p;
        }
    }

    InProcessReplicas(int size, AntiEntropyConfig config) {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            members.add(new Member(new NodeId("n" + i), "127.0.0.1", 20000 + i));
        }
        this.ring = Ring.create(PARTITIONS, members);
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
