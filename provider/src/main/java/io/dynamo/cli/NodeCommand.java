package io.dynamo.cli;

import io.dynamo.antientropy.AntiEntropyConfig;
import io.dynamo.cli.bench.BenchDurations;
import io.dynamo.client.ClientConfig;
import io.dynamo.node.DynamoNode;
import io.dynamo.node.EngineKind;
import io.dynamo.node.NodeConfig;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.storage.SyncPolicy;
import io.dynamo.zookeeper.ZkAddress;
import io.dynamo.zookeeper.ZooKeeperDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "node", description = "Run a storage node until SIGTERM (clean shutdown) or SIGKILL (recovers from --data-dir on restart).")
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

    @Option(names = "--engine", defaultValue = "rocksdb", description = "rocksdb or memory (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--partitions", defaultValue = "256", paramLabel = "Q", description = "Partitions, a power of two (default: ${DEFAULT-VALUE}); the same on every node.")
    int partitions;

    @Option(names = "--sync", defaultValue = "none", description = "none (survives a process crash) or every-write (also a machine crash) (default: ${DEFAULT-VALUE}).")
    String sync;

    @Option(names = "--zk", paramLabel = "HOST:PORT/ROOT",
            description = "Take seeds and cluster settings from ZooKeeper (/ROOT/CLUSTER/seeds and /config) instead of --members/--seeds.")
    String zk;

    @Option(names = "--hinted-handoff", defaultValue = "on", paramLabel = "on|off",
            description = "on (default): sloppy quorum, hints for down replicas delivered when they are back; off: strict quorums, no hints.")
    String hintedHandoff;
    @Option(names = "--anti-entropy-interval", defaultValue = "60s", paramLabel = "DURATION",
            description = "Compare every partition with each of its replicas once per this interval, one exchange at a time; 0 = off (default: ${DEFAULT-VALUE}).")
    String antiEntropyInterval;

    @Option(names = "--repair-rate", defaultValue = "8MiB", paramLabel = "BYTES_PER_SECOND",
            description = "Bandwidth anti-entropy and repair may use, e.g. 8MiB, 512KiB (default: ${DEFAULT-VALUE}).")
    String repairRate;

    @Option(names = "--tombstone-grace", defaultValue = "1h", paramLabel = "DURATION",
            description = "Tombstones older than this, held by every replica, are purged (default: ${DEFAULT-VALUE}).")
    String tombstoneGrace;

    @Option(names = "--anti-entropy-replicas", defaultValue = "3", paramLabel = "N",
            description = "Replicas per partition compared by anti-entropy: the largest N of the caches (default: ${DEFAULT-VALUE}).")
    int antiEntropyReplicas;

    @Override
    public Integer call() throws InterruptedException {
        List<Member> memberList = new ArrayList<>();
        for (String spec : (members == null ? "" : members).split(",")) {
            if (!spec.isBlank()) {
                memberList.add(Member.parse(spec.trim()));
            }
        }
        List<String> seedList = new ArrayList<>();
        if (seeds != null) {
            for (java.net.InetSocketAddress s : ClientConfig.parseSeeds(seeds)) {
                seedList.add(s.getHostString() + ":" + s.getPort());
            }
        }
        NodeId self = new NodeId(nodeId);
        ZooKeeperDirectory directory = null;
        if (zk != null) {
            if (!memberList.isEmpty() || !seedList.isEmpty()) {
                throw new IllegalArgumentException("--zk replaces --members and --seeds: give one or the other");
            }
            directory = ZooKeeperDirectory.open(ZkAddress.parse(zk), cluster, dataDir, Duration.ofSeconds(5));
            List<Member> zkMembers = new ArrayList<>();
            for (String spec : directory.seeds()) {
                zkMembers.add(Member.parse(spec));
            }
            if (zkMembers.isEmpty()) {
                directory.close();
                throw new IllegalArgumentException("no seeds for cluster '" + cluster + "' in ZooKeeper " + zk
                        + " (znode /CLUSTER/seeds, ID@HOST:PORT,...) and none saved in " + dataDir);
            }
            if (zkMembers.stream().anyMatch(m -> m.id().equals(self))) {
                memberList = zkMembers; // the seeds are the cluster's first ring
            } else {
                for (Member m : zkMembers) {
                    seedList.add(m.hostPort());
                }
            }
            partitions = directory.settings().q().orElse(partitions);
        }
        if (memberList.isEmpty() && seedList.isEmpty()) {
            throw new IllegalArgumentException("give --members (a new cluster), --seeds (join an existing one) or --zk");
        }
        Member listening = Member.parse(nodeId + "@" + listen.trim());
        NodeConfig config = new NodeConfig(cluster, self, memberList, dataDir, EngineKind.parse(engine), partitions, syncPolicy(),
                NodeConfig.DEFAULT_WARN_SIBLINGS, NodeConfig.DEFAULT_MAX_SIBLINGS, seedList,
                memberList.isEmpty() ? Optional.of(listening) : Optional.empty(), onOff("--hinted-handoff", hintedHandoff));
        Member me = config.selfMember();
        if (!(me.host() + ":" + me.port()).equals(listen.trim())) {
            throw new IllegalArgumentException("--listen " + listen + " differs from this node's entry in --members (" + me.host() + ":" + me.port() + ")");
        }
        AntiEntropyConfig antiEntropy = new AntiEntropyConfig(BenchDurations.parse("--anti-entropy-interval", antiEntropyInterval),
                AntiEntropyConfig.parseRate(repairRate), BenchDurations.parse("--tombstone-grace", tombstoneGrace), antiEntropyReplicas);
        DynamoNode node = DynamoNode.start(config, antiEntropy);
        ZooKeeperDirectory zkDirectory = directory;
        if (zkDirectory != null) {
            node.settings(zkDirectory.settings());
            zkDirectory.onSettings(node::settings);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (zkDirectory != null) {
                zkDirectory.close();
            }
            node.close();
            stopped.countDown();
        }, "dynamo-shutdown"));
        System.out.println("node " + self + " ready on " + me.host() + ":" + node.address().getPort());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static boolean onOff(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(option + " must be on or off, got '" + value + "'");
        };
    }

    private SyncPolicy syncPolicy() {
        return switch (sync.toLowerCase(Locale.ROOT)) {
            case "none" -> SyncPolicy.NONE;
            case "every-write" -> SyncPolicy.EVERY_WRITE;
            default -> throw new IllegalArgumentException("--sync must be none or every-write, got '" + sync + "'");
        };
    }
}
