package io.dynamo.cli;

import io.dynamo.antientropy.AntiEntropyConfig;
import io.dynamo.cli.bench.BenchDurations;
import io.dynamo.node.DynamoNode;
import io.dynamo.node.EngineKind;
import io.dynamo.node.NodeConfig;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.storage.SyncPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--members", required = true, paramLabel = "ID@HOST:PORT[,...]", description = "Every member of the cluster, this node included.")
    String members;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--engine", defaultValue = "rocksdb", description = "rocksdb or memory (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--partitions", defaultValue = "256", paramLabel = "Q", description = "Partitions, a power of two (default: ${DEFAULT-VALUE}); the same on every node.")
    int partitions;

    @Option(names = "--sync", defaultValue = "none", description = "none (survives a process crash) or every-write (also a machine crash) (default: ${DEFAULT-VALUE}).")
    String sync;

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
        for (String spec : members.split(",")) {
            if (!spec.isBlank()) {
                memberList.add(Member.parse(spec.trim()));
            }
        }
        NodeId self = new NodeId(nodeId);
        NodeConfig config = new NodeConfig(cluster, self, memberList, dataDir, EngineKind.parse(engine), partitions, syncPolicy(),
                NodeConfig.DEFAULT_WARN_SIBLINGS, NodeConfig.DEFAULT_MAX_SIBLINGS);
        Member me = config.selfMember();
        if (!(me.host() + ":" + me.port()).equals(listen.trim())) {
            throw new IllegalArgumentException("--listen " + listen + " differs from this node's entry in --members (" + me.host() + ":" + me.port() + ")");
        }
        AntiEntropyConfig antiEntropy = new AntiEntropyConfig(BenchDurations.parse("--anti-entropy-interval", antiEntropyInterval),
                AntiEntropyConfig.parseRate(repairRate), BenchDurations.parse("--tombstone-grace", tombstoneGrace), antiEntropyReplicas);
        DynamoNode node = DynamoNode.start(config, antiEntropy);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "dynamo-shutdown"));
        System.out.println("node " + self + " ready on " + me.host() + ":" + node.address().getPort());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private SyncPolicy syncPolicy() {
        return switch (sync.toLowerCase(Locale.ROOT)) {
            case "none" -> SyncPolicy.NONE;
            case "every-write" -> SyncPolicy.EVERY_WRITE;
            default -> throw new IllegalArgumentException("--sync must be none or every-write, got '" + sync + "'");
        };
    }
}
