package io.dynamo.node;

import io.dynamo.admin.AdminHandler;
import io.dynamo.admin.AdminMessage.StatusResult;
import io.dynamo.antientropy.AntiEntropy;
import io.dynamo.antientropy.ExchangeStats;
import io.dynamo.antientropy.ReplicaTrees;
import io.dynamo.bulk.BulkHandler;
import io.dynamo.config.ClusterSettings;
import io.dynamo.config.EngineKind;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.ReadConfig;
import io.dynamo.config.StorageConfig;
import io.dynamo.consensus.Acceptor;
import io.dynamo.consensus.ConsensusHandler;
import io.dynamo.consensus.PaxosPurge;
import io.dynamo.consensus.PaxosStore;
import io.dynamo.coordinator.Coordinator;
import io.dynamo.coordinator.CoordinatorHandler;
import io.dynamo.coordinator.HedgeDelay;
import io.dynamo.coordinator.Hedging;
import io.dynamo.coordinator.HintSink;
import io.dynamo.coordinator.ReadTimer;
import io.dynamo.handoff.HandoffHandler;
import io.dynamo.handoff.HintStore;
import io.dynamo.handoff.HintedHandoff;
import io.dynamo.membership.DetectingPeers;
import io.dynamo.membership.Membership;
import io.dynamo.membership.MembershipHandler;
import io.dynamo.membership.MembershipView;
import io.dynamo.membership.PhiAccrualDetector;
import io.dynamo.metrics.MetricsServer;
import io.dynamo.metrics.NodeMetrics;
import io.dynamo.metrics.NodeSnapshot;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.protocol.OffloadedHandler;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.TransportPeerClient;
import io.dynamo.rebalance.PartitionStreamer;
import io.dynamo.rebalance.RebalanceMessage.StreamResult;
import io.dynamo.rebalance.StreamReceiver;
import io.dynamo.rebalance.RebalanceHandler;
import io.dynamo.rebalance.Rebalancer;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.ReplicaHandler;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.security.Role;
import io.dynamo.security.Tls;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.Transport;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.zookeeper.ZooKeeperBootstrap;
import io.dynamo.zookeeper.ZooKeeperDirectory;
import io.netty.util.HashedWheelTimer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
    /** Per-key Paxos state, in an engine of its own (see {@link PaxosStore}). */
    private final StorageEngine paxosEngine;
    private final Transport transport;
    private final InetSocketAddress address;
    private final long startedAt = System.currentTimeMillis();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Membership membership;
    private final HintedHandoff handoff;
    private PartitionStreamer streamer;
    private PaxosPurge paxosPurge;
    private StreamReceiver receiver;
    private volatile ClusterSettings settings = ClusterSettings.NONE;
    private final AntiEntropy antiEntropy;
    private final Optional<ZooKeeperDirectory> zooKeeper;
    private final ExecutorService storageThreads = StorageThreads.start();
    private final HashedWheelTimer hedgeTimer = ReadTimer.newWheel("dynamo-hedge");
    // Typed loosely on purpose: Micrometer is optional, and a method reference to NodeMetrics, even
    // on an empty Optional, would load it (and Micrometer) in a node that has no metrics port.
    private final List<AutoCloseable> metering = new ArrayList<>(); // the endpoint first, then the registry
    private Optional<Supplier<NodeSnapshot>> snapshots = Optional.empty();
    private Optional<InetSocketAddress> metricsAddress = Optional.empty();

    private DynamoNode(NodeConfig config, Optional<ZooKeeperDirectory> zooKeeper) {
        this.config = config;
        this.zooKeeper = zooKeeper;
        this.engine = openEngine(config, "engine");
        this.paxosEngine = openEngine(config, "paxos");
        Member self = config.selfMember();
        Transport t = null;
        Membership m = null;
        HintedHandoff h = null;
        AntiEntropy ae = null;
        try {
            t = Transport.create(config.transport().forCluster(config.cluster()), Optional.of(InetAddress.getByName(self.host())),
                    tls(config));
            PeerClient direct = new TransportPeerClient(t, NodeProtocol.CODEC);
            List<InetSocketAddress> seeds = seeds(config);
            SavedRing savedRing = new SavedRing(config);
            Optional<Ring> saved = savedRing.load().filter(r -> r.member(config.self()).isPresent());
            MembershipView initial;
            if (!config.discovery().members().isEmpty()) {
                initial = MembershipView.of(Ring.create(config.replication().partitions(), config.discovery().members()));
            } else if (saved.isPresent()) {
                initial = MembershipView.of(saved.get()); // a member already: no need to ask the seeds first
            } else {
                initial = Bootstrap.fetchView(direct, seeds, config.membership().bootstrapTimeout());
            }
            if (saved.isPresent() && saved.get().epoch() > initial.ring().epoch()) {
                initial = initial.withRing(saved.get()); // the ring a join or leave made since the static bootstrap
            }
            initial = initial.with(Membership.selfEntry(self, initial.ring(), System.currentTimeMillis()));
            Duration gossipInterval = config.membership().gossipInterval();
            PhiAccrualDetector detector = PhiAccrualDetector.forInterval(gossipInterval);
            m = new Membership(config.self(), initial, seeds, direct, detector, gossipInterval, self.hashCode());
            Membership membership = m;
            membership.onRingChange(savedRing::save);
            PeerClient peers = new DetectingPeers(direct, detector);
            HybridLogicalClock clock = config.clock().clock();
            LocalReplica local = new LocalReplica(engine, config.replication().warnSiblings(), config.replication().maxSiblings(), clock,
                    Optional.of(storageThreads));
            HintStore hints = new HintStore(engine.hints());
            Acceptor acceptor = new Acceptor(new PaxosStore(paxosEngine), local);
            paxosPurge = new PaxosPurge(acceptor, () -> membership.ring().partitionCount(), config.antiEntropy().tombstoneGrace(),
                    clock::wallMillis);
            // Each cache's N, learnt from requests and replica writes: purge, anti-entropy and rebalancing reckon with it (§4.3).
            CacheReplicas caches = new CacheReplicas(config.antiEntropy().replicas(), Optional.of(config.storage().dataDir()));
            boolean sloppy = config.handoff().enabled(); // off: strict quorums, every primary held up
            Coordinator coordinator = new Coordinator(config.self(), membership::ring, local, peers, clock,
                    sloppy ? membership::isUp : id -> true, sloppy ? hints::store : HintSink.NONE, acceptor, storageThreads,
                    hedging(config.read()));
            // Anti-entropy (§4.7): the trees follow every stored change from before the node serves.
            int partitions = initial.ring().partitionCount();
            ReplicaTrees trees = new ReplicaTrees(engine, partitions, ReplicaTrees.leafBitsFor(partitions),
                    config.storage().maxKeyBytes(), config.storage().maxValueBytes());
            local.listen(trees);
            Transport net = t;
            ae = new AntiEntropy(config.self(), membership::ring, local, trees, direct, clock, config.antiEntropy(), caches);
            h = new HintedHandoff(config.self(), hints, peers, membership::isUp, membership::ring, config.handoff().interval(),
                    config.handoff().timeout(), config.handoff().batch(), HintedHandoff.lifetimeFor(config.antiEntropy().tombstoneGrace()));
            AntiEntropy repair = ae; // a change's last pass compares trees (§4.7) instead of streaming again
            streamer = new PartitionStreamer(engine, peers, config.rebalance().streamTimeout(), config.rebalance().streamBatch(), caches,
                    storageThreads, (partition, target, replicated) -> {
                        ExchangeStats sent = repair.pushTo(partition, target, replicated);
                        return new StreamResult(sent.keysSent(), sent.bytesSent() + sent.bytesReceived());
                    });
            receiver = new StreamReceiver(local, new KeyPartitions(membership::ring), caches);
            Rebalancer rebalancer = new Rebalancer(membership, peers, config.rebalance().moveTimeout(), config.storage().dataDir(), caches);
            // Storage work off the network threads (gossip shares them); anti-entropy has its own thread.
            MessageHandler coordinating = OffloadedHandler.on(storageThreads,
                    new CoordinatorHandler(coordinator, local, () -> membership.ring().partitionCount(), spec -> settings.apply(spec),
                            caches));
            NodeMetrics metrics = null;
            if (config.metrics().enabled()) {
                metrics = MetricsStart.metrics(NodeMetricSources.of(config, engine, membership, coordinator, hints, h, ae, rebalancer));
                metering.add(metrics);
                snapshots = Optional.of(metrics::snapshot);
                coordinating = metrics.measure(coordinating);
            }
            RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(
                    coordinating,
                    OffloadedHandler.on(storageThreads, new ReplicaHandler(local, new KeyPartitions(membership::ring), caches)),
                    OffloadedHandler.on(storageThreads, new BulkHandler(config.self(), membership::ring, local, peers, clock,
                            spec -> settings.apply(spec), caches)),
                    OffloadedHandler.on(storageThreads, new ConsensusHandler(acceptor, new KeyPartitions(membership::ring))),
                    new MembershipHandler(membership, peer -> net.clearBackoff(peer.address())),
                    OffloadedHandler.on(storageThreads, new HandoffHandler(hints, new KeyPartitions(membership::ring), clock)),
                    new RebalanceHandler(rebalancer, streamer, receiver),
                    ae.handler(),
                    new AdminHandler(this::status)));
            this.membership = m;
            this.handoff = h;
            this.antiEntropy = ae;
            this.address = t.serve(new InetSocketAddress(self.host(), self.port()), router);
            this.transport = t;
            if (metrics != null) {
                MetricsServer server = MetricsStart.serve(config, metrics);
                metering.add(0, server);
                metricsAddress = Optional.of(server.address());
            }
            m.start();
            ae.start();
            rebalancer.resumeSaved();
            paxosPurge.start();
            if (config.handoff().enabled()) {
                h.start();
            }
        } catch (IOException | RuntimeException e) {
            closeMetering();
            if (ae != null) {
                ae.close();
            }
            if (h != null) {
                h.close();
            }
            if (streamer != null) {
                streamer.close();
            }
            if (receiver != null) {
                receiver.close();
            }
            if (m != null) {
                m.close();
            }
            if (t != null) {
                t.close();
            }
            storageThreads.shutdown();
            hedgeTimer.stop();
            if (paxosPurge != null) {
                paxosPurge.close();
            }
            engine.close();
            paxosEngine.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        Ring ring = membership.ring();
        log.info("node {} of cluster '{}' serving on {} ({} engine, {} partitions, {} members, ring epoch {}{})", config.self(),
                config.cluster(), address, config.storage().engine().name().toLowerCase(), ring.partitionCount(), ring.members().size(),
                ring.epoch(), ring.member(config.self()).isPresent() ? "" : ", joining: owns no partition yet");
        zooKeeper.ifPresent(directory -> {
            settings(directory.settings());
            directory.onSettings(this::settings);
        });
    }

    /** The hedge of gets that {@code read} asks for, on this node's hedge thread. */
    private Hedging hedging(ReadConfig read) {
        HedgeDelay delay = switch (read.hedge()) {
            case AUTO -> HedgeDelay.observed();
            case FIXED -> HedgeDelay.fixed(read.hedgeDelay());
            case OFF -> HedgeDelay.off();
        };
        return read.hedge() == ReadConfig.Hedge.OFF ? Hedging.off() : new Hedging(delay, ReadTimer.on(hedgeTimer), System::nanoTime);
    }

    /** The node's TLS contexts when TLS is on: its certificate must be a node's of this cluster. */
    private static Optional<Tls> tls(NodeConfig config) {
        return config.tls().files().map(files -> {
            if (files.keyReadableByOthers()) {
                log.warn("{}", files.keyExposure());
            }
            return Tls.load(files).requireSelf(config.cluster(), Role.NODE);
        });
    }

    /** The static members double as seeds, so a restarted node finds the others even if --seeds is not given. */
    private static List<InetSocketAddress> seeds(NodeConfig config) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Member member : config.discovery().members()) {
            if (!member.id().equals(config.self())) {
                out.add(member.address());
            }
        }
        for (InetSocketAddress seed : config.discovery().seeds()) {
            InetSocketAddress a = new InetSocketAddress(seed.getHostString(), seed.getPort());
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Starts a node. With {@code zk} discovery it first reads its seeds and the cluster settings
     * from ZooKeeper (or the copies saved in its data directory), and keeps watching the settings.
     */
    public static DynamoNode start(NodeConfig config) {
        config.checkProtectedMode(); // before anything opens: no engine, no port, no ZooKeeper session
        if (config.discovery().zk().isEmpty()) {
            return new DynamoNode(config, Optional.empty());
        }
        ZooKeeperDirectory directory = ZooKeeperBootstrap.open(config);
        try {
            return new DynamoNode(ZooKeeperBootstrap.resolve(config, directory), Optional.of(directory));
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public Ring ring() {
        return membership.ring();
    }

    public Membership membership() {
        return membership;
    }

    /** Puts cluster-wide settings in force for every request from now on (from ZooKeeper's config). */
    public void settings(ClusterSettings next) {
        if (!next.equals(settings)) {
            log.info("node {}: cluster settings now {}", config.self(), next.format().replace('\n', ' ').trim());
        }
        settings = next;
    }

    public NodeConfig config() {
        return config;
    }

    /** The node's figures now, when it was started with a metrics port. */
    public Optional<NodeSnapshot> metrics() {
        return snapshots.map(Supplier::get);
    }

    /** Where the metrics endpoint listens, when it was started with a metrics port. */
    public Optional<InetSocketAddress> metricsAddress() {
        return metricsAddress;
    }

    private StatusResult status() {
        Ring ring = membership.ring();
        return new StatusResult(config.self().value(), ring.epoch(), engine.approximateKeyCount(),
                ring.partitionsOwnedBy(config.self()).size(), System.currentTimeMillis() - startedAt);
    }

    /** The configured engine, under {@code directory} of the data directory when it is RocksDB. */
    private static StorageEngine openEngine(NodeConfig config, String directory) {
        StorageConfig storage = config.storage();
        if (storage.engine() == EngineKind.MEMORY) {
            return StorageEngines.memory(storage.engineOptions());
        }
        try {
            Files.createDirectories(storage.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + storage.dataDir(), e);
        }
        return StorageEngines.rocksDb(storage.dataDir().resolve(directory), storage.engineOptions());
    }

    private void closeMetering() {
        for (AutoCloseable part : metering) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("closing the metrics failed: {}", e.toString());
            }
        }
    }

    /** Stops serving, then flushes and closes the engine. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        zooKeeper.ifPresent(ZooKeeperDirectory::close);
        closeMetering();
        antiEntropy.close();
        handoff.close();
        streamer.close();
        receiver.close();
        membership.close();
        transport.close();
        hedgeTimer.stop();
        paxosPurge.close();
        StorageThreads.stop(storageThreads);
        engine.close();
        paxosEngine.close();
        log.info("node {} stopped", config.self());
    }
}
