package io.dynamo.cli;

import io.dynamo.cli.bench.BenchDurations;
import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.zookeeper.ZkClusterUri;
import io.dynamo.zookeeper.ZooKeeperSeeds;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every client command shares: where the cluster is and the cache's settings. */
final class ClientOptions {
    /** How long a command waits for ZooKeeper before it goes on with the seeds seen last (none, in a fresh process). */
    private static final Duration ZOOKEEPER_PATIENCE = Duration.ofSeconds(5);

    @Option(names = "--seeds", required = true, paramLabel = "HOST:PORT[,...]|zk://HOST:PORT[,...]/ROOT/CLUSTER",
            description = "Nodes to learn the ring from, or the ZooKeeper that lists them (its cluster then is the one insisted on).")
    String seeds;

    @Option(names = "--cluster", defaultValue = "", paramLabel = "NAME",
            description = "Cluster name to insist on in the handshake (default: accept the seeds' cluster).")
    String cluster;

    @Option(names = "--cache", defaultValue = CacheSpec.DEFAULT_NAME, paramLabel = "NAME", description = "Cache name (default: ${DEFAULT-VALUE}).")
    String cache;

    @Option(names = {"-N", "--replicas"}, defaultValue = "3", description = "Replicas N (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = {"-R", "--read-quorum"}, defaultValue = "2", description = "Read quorum R (default: ${DEFAULT-VALUE}).")
    int r;

    @Option(names = {"-W", "--write-quorum"}, defaultValue = "2", description = "Write quorum W (default: ${DEFAULT-VALUE}).")
    int w;

    @Option(names = "--policy", description = "Conflict policy: siblings or last-write-wins (default: siblings; bench: last-write-wins).")
    String policy;

    @Option(names = "--timeout", defaultValue = "2s", description = "Request timeout, e.g. 500ms, 2s (default: ${DEFAULT-VALUE}).")
    String timeout;

    @picocli.CommandLine.Mixin
    TlsOptions tls;

    CacheSpec cacheSpec() {
        return cacheSpec(ConflictPolicy.SIBLINGS);
    }

    CacheSpec cacheSpec(ConflictPolicy defaultPolicy) {
        ConflictPolicy p = policy == null ? defaultPolicy : ConflictPolicy.parse(policy);
        return new CacheSpec(cache, n, r, w, p, BenchDurations.parse("--timeout", timeout));
    }

    DynamoClient connect() {
        Duration t = BenchDurations.parse("--timeout", timeout);
        if (!ZkClusterUri.isZk(seeds)) {
            return DynamoClient.connect(new ClientConfig(cluster, ClientConfig.parseSeeds(seeds), t.plusSeconds(1), tls.files()));
        }
        ZkClusterUri zk = zkUri();
        try (ZooKeeperSeeds fromZk = ZooKeeperSeeds.open(zk, ZOOKEEPER_PATIENCE)) {
            return DynamoClient.connect(new ClientConfig(zk.cluster(), fromZk.addresses(), t.plusSeconds(1), tls.files()));
        }
    }

    /** The JCache URI of these options: the zk:// URI as given, else the seeds as dynamo://. */
    String cacheManagerUri() {
        if (ZkClusterUri.isZk(seeds)) {
            zkUri();
            return seeds.trim();
        }
        return "dynamo://" + seeds;
    }

    private ZkClusterUri zkUri() {
        ZkClusterUri zk = ZkClusterUri.parse(seeds);
        if (zk.rawQuery().isPresent()) {
            throw new IllegalArgumentException("--seeds " + seeds + ": give settings as options (-N, -R, -W, --timeout), not as a query");
        }
        if (!cluster.isEmpty() && !cluster.equals(zk.cluster())) {
            throw new IllegalArgumentException("--cluster " + cluster + " contradicts the cluster of --seeds " + seeds);
        }
        return zk;
    }
}
