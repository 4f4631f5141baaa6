package io.dynamo.node;

import io.dynamo.antientropy.AntiEntropy;
import io.dynamo.antientropy.AntiEntropyConfig;
import io.dynamo.antientropy.ReplicaTrees;
import io.dynamo.coordinator.Coordinator;
import io.dynamo.coordinator.LocalReplica;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.Message.RingState;
import io.dynamo.protocol.Message.StatusResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.Transport;
import io.dynamo.transport.TransportConfig;
import io.dynamo.version.HybridLogicalClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One storage node: its engine, its replica store, its coordinator and its network endpoint.
 * Started by {@code bin/dynamo node} or inside an application ({@code dynamo:embedded}).
 */
public final class DynamoNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynamoNode.class);

    private final NodeConfig config;
    private final StorageEngine engine;
    private final Transport transport;
    private final InetSocketAddress address;
    private final long startedAt = System.currentTimeMillis();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Ring ring;
    private final AntiEntropy antiEntropy;

    private DynamoNode(NodeConfig config, AntiEntropyConfig antiEntropyConfig) {
        this.config = config;
        this.ring = Ring.create(config.partitions(), config.members());
        this.engine = openEngine(config);
        Member self = config.selfMember();
        Transport t = null;
        AntiEntropy ae = null;
        try {
            t = Transport.create(TransportConfig.defaults(config.cluster()), InetAddress.getByName(self.host()));
            LocalReplica local = new LocalReplica(engine, config.warnSiblings(), config.maxSiblings());
            HybridLogicalClock clock = HybridLogicalClock.system();
            Coordinator coordinator = new Coordinator(config.self(), () -> ring, local, new TransportPeers(t), clock);
            // Anti-entropy (§4.7): the trees follow every stored change from before the node serves.
            ReplicaTrees trees = new ReplicaTrees(engine, config.partitions(), ReplicaTrees.leafBitsFor(config.partitions()),
                    EngineOptions.DEFAULT_MAX_KEY_BYTES, EngineOptions.DEFAULT_MAX_VALUE_BYTES);
            local.listen(trees);
            Transport transportForAe = t;
            ae = new AntiEntropy(config.self(), () -> ring, local, trees,
                    (peer, type, payload, timeout) -> transportForAe.request(peer.address(), type, payload, timeout), clock, antiEntropyConfig);
            NodeRequestHandler handler = new NodeRequestHandler(coordinator, () -> new RingState(ring.encode()), this::status, ae);
            this.address = t.serve(new InetSocketAddress(self.host(), self.port()), handler);
            this.transport = t;
            this.antiEntropy = ae;
            ae.start();
        } catch (IOException | RuntimeException e) {
            if (ae != null) {
                ae.close();
            }
            if (t != null) {
                t.close();
            }
            engine.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        log.info("node {} of cluster '{}' serving on {} ({} engine, {} partitions, {} members)", config.self(),
                config.cluster(), address, config.engine().name().toLowerCase(), ring.partitionCount(), ring.members().size());
    }

    public static DynamoNode start(NodeConfig config) {
        return new DynamoNode(config, AntiEntropyConfig.defaults());
    }

    /** Starts a node with these anti-entropy settings (interval, repair rate, tombstone grace). */
    public static DynamoNode start(NodeConfig config, AntiEntropyConfig antiEntropy) {
        return new DynamoNode(config, antiEntropy);
    }

    public InetSocketAddress address() {
        return address;
    }

    public Ring ring() {
        return ring;
    }

    public NodeConfig config() {
        return config;
    }

    private Message status() {
        return new StatusResult(config.self().value(), ring.epoch(), engine.approximateKeyCount(),
                ring.partitionsOwnedBy(config.self()).size(), System.currentTimeMillis() - startedAt);
    }

    private static StorageEngine openEngine(NodeConfig config) {
        EngineOptions options = new EngineOptions(config.sync(), EngineOptions.DEFAULT_MAX_KEY_BYTES, EngineOptions.DEFAULT_MAX_VALUE_BYTES);
        if (config.engine() == EngineKind.MEMORY) {
            return StorageEngines.memory(options);
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        return StorageEngines.rocksDb(config.dataDir().resolve("engine"), options);
    }

    /** Stops serving, then flushes and closes the engine. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        antiEntropy.close();
        transport.close();
        engine.close();
        log.info("node {} stopped", config.self());
    }
}
