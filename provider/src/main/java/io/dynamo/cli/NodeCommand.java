package io.dynamo.cli;

import io.dynamo.cli.bench.BenchDurations;
import io.dynamo.client.ClientConfig;
import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.config.ClockConfig;
import io.dynamo.config.Discovery;
import io.dynamo.config.EngineKind;
import io.dynamo.config.HandoffConfig;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.NodeIdentity;
import io.dynamo.config.ReplicationConfig;
import io.dynamo.config.StorageConfig;
import io.dynamo.config.TlsConfig;
import io.dynamo.config.ZkAddress;
import io.dynamo.node.DynamoNode;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Parses its flags into a {@link NodeConfig} (defaults from {@link NodeFlags}) and runs the node. */
@Command(name = "node", defaultValueProvider = NodeFlags.class, description = "Run a storage node until SIGTERM (clean shutdown) or SIGKILL (recovers from --data-dir on restart).")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "Cluster name; peers of another cluster are refused.")
    String cluster;

    @Option(names = "--node-id", required = true, paramLabel = "ID")
    String nodeId;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "Must match this node's entry in --members.")
    String listen;

    @Option(names = "--members", paramLabel = "ID@HOST:PORT[,...]",
            description = "Every member of a new cluster, this node included: its first ring (static bootstrap).")
    String members;

    @Option(names = "--seeds", paramLabel = "HOST:PORT[,...]",
            description = "Nodes of the cluster to gossip with. Alone (without --members) the node joins an existing "
                    + "cluster's gossip and owns no partition until 'admin join'.")
    String seeds;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--engine", description = "rocksdb or memory (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--partitions", paramLabel = "Q", description = "Partitions, a power of two (default: ${DEFAULT-VALUE}); the same on every node.")
    int partitions;

    @Option(names = "--sync", description = "none (survives a process crash) or every-write (also a machine crash) (default: ${DEFAULT-VALUE}).")
    String sync;

    @Option(names = "--zk", paramLabel = "HOST:PORT/ROOT",
            description = "Take seeds and cluster settings from ZooKeeper (/ROOT/CLUSTER/seeds and /config) instead of --members/--seeds.")
    String zk;

    @Option(names = "--hinted-handoff", paramLabel = "on|off",
            description = "on (default): sloppy quorum, hints for down replicas delivered when they are back; off: strict quorums, no hints.")
    String hintedHandoff;
    @Option(names = "--anti-entropy-interval", paramLabel = "DURATION",
            description = "Compare every partition with each of its replicas once per this interval, one exchange at a time; 0 = off (default: ${DEFAULT-VALUE}).")
    String antiEntropyInterval;

    @Option(names = "--repair-rate", paramLabel = "BYTES_PER_SECOND",
            description = "Bandwidth anti-entropy and repair may use, e.g. 8MiB, 512KiB (default: ${DEFAULT-VALUE}).")
    String repairRate;

    @Option(names = "--tombstone-grace", paramLabel = "DURATION",
            description = "Tombstones older than this, held by every replica, are purged (default: ${DEFAULT-VALUE}).")
    String tombstoneGrace;

    @Option(names = "--anti-entropy-replicas", paramLabel = "N",
            description = "The least N that anti-entropy, purge and rebalancing reckon with for a cache this node has not heard of;"
                    + " each cache's own N is used where known (default: ${DEFAULT-VALUE}).")
    int antiEntropyReplicas;

    @Option(names = "--metrics-port", paramLabel = "PORT|off",
            description = "Serve Prometheus metrics (/metrics) and a status page (/) over plain HTTP on the --listen host at this port; "
                    + "0 = a free port (logged) (default: ${DEFAULT-VALUE}).")
    String metricsPort;

    @Option(names = "--max-clock-skew", paramLabel = "DURATION",
            description = "How far ahead of this node's clock a peer's or client's timestamp may be; one further ahead is refused (default: ${DEFAULT-VALUE}).")
    String maxClockSkew;

    @Option(names = "--hedge-delay", paramLabel = "auto|DURATION|off",
            description = "A get asks R-1 replicas besides this node's own and, when they are slow, the next one after this delay: "
                    + "auto = the observed p95 of replica reads; off = only when one fails or times out (default: ${DEFAULT-VALUE}).")
    String hedgeDelay;

    /** A test's hook (hidden): this node's physical clock runs this many ms off the system's. */
    @Option(names = "--clock-offset-ms", hidden = true, paramLabel = "MS")
    long clockOffsetMillis;

    @picocli.CommandLine.Mixin
    TlsOptions tls;

    @Option(names = "--insecure", description = "Serve plain text even on a --listen address that is not loopback (protected mode refuses that otherwise).")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig config = config();
        DynamoNode node = DynamoNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "dynamo-shutdown"));
        node.metricsAddress().ifPresent(a -> System.out.println("node " + config.self() + " metrics on http://"
                + node.config().selfMember().host() + ":" + a.getPort() + "/"));
        System.out.println("node " + config.self() + " ready on " + node.config().selfMember().host() + ":" + node.address().getPort());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The node these flags describe; a bad flag gives an IllegalArgumentException that names it. */
    NodeConfig config() {
        List<Member> memberList = new ArrayList<>();
        for (String spec : (members == null ? "" : members).split(",")) {
            if (!spec.isBlank()) {
                memberList.add(Member.parse(spec.trim()));
            }
        }
        List<InetSocketAddress> seedList = seeds == null ? List.of() : ClientConfig.parseSeeds(seeds);
        Optional<ZkAddress> zooKeeper = zk == null ? Optional.empty() : Optional.of(ZkAddress.parse(zk));
        NodeIdentity identity = new NodeIdentity(cluster, Member.parse(new NodeId(nodeId) + "@" + listen.trim()));
        StorageConfig storage = StorageConfig.defaults(dataDir).withEngine(EngineKind.parse(engine)).withSync(NodeFlags.sync(sync));
        return NodeConfig.of(identity, new Discovery(memberList, seedList, zooKeeper), storage)
                .with(ReplicationConfig.defaults().withPartitions(partitions))
                .with(HandoffConfig.defaults().withEnabled(NodeFlags.onOff("--hinted-handoff", hintedHandoff)))
                .with(new AntiEntropyConfig(BenchDurations.parse("--anti-entropy-interval", antiEntropyInterval),
                        AntiEntropyConfig.parseRate(repairRate), BenchDurations.parse("--tombstone-grace", tombstoneGrace),
                        antiEntropyReplicas))
                .with(new TlsConfig(tls.files(), insecure))
                .with(NodeFlags.metrics(metricsPort))
                .with(new ClockConfig(BenchDurations.parse("--max-clock-skew", maxClockSkew), Duration.ofMillis(clockOffsetMillis)))
                .with(NodeFlags.hedgeDelay(hedgeDelay));
    }
}
