package io.dynamo.jcache;

import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.config.ClusterSettings;
import io.dynamo.config.Discovery;
import io.dynamo.config.EngineKind;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.NodeIdentity;
import io.dynamo.config.StorageConfig;
import io.dynamo.node.DynamoNode;
import io.dynamo.protocol.DynamoException;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.zookeeper.ZkClusterUri;
import io.dynamo.zookeeper.ZooKeeperSeeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.cache.CacheException;

/**
 * One client connection to a cluster (and, for {@code dynamo:embedded}, the node inside this JVM),
 * shared by every cache manager pointing at the same place and closed when the last one closes:
 * a {@link DynamoClient} is meant to be shared per process. For a {@code zk://} URI it also holds
 * the watch on ZooKeeper's seeds and config for as long as it is open.
 */
final class ClusterConnection {
    /** How long a cache manager waits for ZooKeeper before it goes on with the seeds seen last. */
    private static final Duration ZOOKEEPER_PATIENCE = Duration.ofSeconds(5);
    private static final Map<String, ClusterConnection> OPEN = new HashMap<>();

    private final String key;
    private final DynamoClient client;
    private final Optional<DynamoNode> node;
    private final Optional<ZooKeeperSeeds> zooKeeper;
    private int users;

    private ClusterConnection(String key, DynamoClient client, Optional<DynamoNode> node, Optional<ZooKeeperSeeds> zooKeeper) {
        this.key = key;
        this.client = client;
        this.node = node;
        this.zooKeeper = zooKeeper;
    }

    static ClusterConnection acquire(ClusterTarget target, DynamoSettings settings) {
        synchronized (OPEN) {
            // Managers with other certificates must not share a connection: it speaks with one identity.
            String key = target.connectionKey(settings.cluster()) + settings.tls().map(t -> " tls=" + t.cert().toAbsolutePath()).orElse("")
                    + settings.localAddress().map(a -> " from=" + a.getHostAddress()).orElse("");
            ClusterConnection c = OPEN.get(key);
            if (c == null) {
                c = target.embedded() ? startEmbedded(key, settings)
                        : target.zk().isPresent() ? connectThroughZooKeeper(key, target.zk().get(), settings)
                        : new ClusterConnection(key, connect(target.seeds(), settings), Optional.empty(), Optional.empty());
                OPEN.put(key, c);
            }
            c.users++;
            return c;
        }
    }

    DynamoClient client() {
        return client;
    }

    boolean embedded() {
        return node.isPresent();
    }

    /** The settings in ZooKeeper's config znode as last seen ({@link ClusterSettings#NONE} without ZooKeeper). */
    ClusterSettings clusterSettings() {
        return zooKeeper.map(ZooKeeperSeeds::settings).orElse(ClusterSettings.NONE);
    }

    void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(key);
        }
        client.close();
        node.ifPresent(DynamoNode::close);
        zooKeeper.ifPresent(ZooKeeperSeeds::close);
    }

    /** The seeds ZooKeeper lists now (or listed last, while it is down); the ring is then learnt from them. */
    private static ClusterConnection connectThroughZooKeeper(String key, ZkClusterUri uri, DynamoSettings settings) {
        ZooKeeperSeeds zk = ZooKeeperSeeds.open(uri, ZOOKEEPER_PATIENCE);
        try {
            return new ClusterConnection(key, connect(zk.addresses(), settings), Optional.empty(), Optional.of(zk));
        } catch (IllegalStateException e) {
            zk.close();
            throw new CacheException(e.getMessage(), e);
        } catch (RuntimeException e) {
            zk.close();
            throw e;
        }
    }

    private static DynamoClient connect(List<InetSocketAddress> seeds, DynamoSettings settings) {
        try {
            ClientConfig config = new ClientConfig(settings.cluster(), seeds, settings.timeout(), settings.tls());
            return settings.localAddress().isPresent() ? DynamoClient.connect(config, settings.localAddress().get())
                    : DynamoClient.connect(config);
        } catch (DynamoException e) {
            throw new CacheException("cannot reach the dynamo cluster at " + seeds + ": " + e.getMessage(), e);
        }
    }

    /**
     * A one-node cluster in this JVM on a free loopback port, in-memory engine: the store a
     * plain {@code Caching.getCachingProvider().getCacheManager()} gets. The port is chosen
     * before binding (the ring names it), so a port taken in between is retried.
     */
    private static ClusterConnection startEmbedded(String key, DynamoSettings settings) {
        String cluster = settings.cluster().isEmpty() ? "embedded" : settings.cluster();
        StorageConfig storage = StorageConfig.defaults(Path.of(System.getProperty("java.io.tmpdir"), "dynamo-embedded"))
                .withEngine(EngineKind.MEMORY);
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            NodeId id = new NodeId("embedded");
            Member self = new Member(id, "127.0.0.1", freePort(), "");
            DynamoNode node;
            try {
                node = DynamoNode.start(NodeConfig.of(new NodeIdentity(cluster, self), Discovery.members(List.of(self)), storage));
            } catch (RuntimeException e) {
                last = e;
                continue;
            }
            try {
                DynamoClient client = DynamoClient.connect(new ClientConfig(cluster, List.of(node.address()), settings.timeout()));
                return new ClusterConnection(key, client, Optional.of(node), Optional.empty());
            } catch (RuntimeException e) {
                node.close();
                last = e;
            }
        }
        throw new CacheException("cannot start the embedded dynamo node: " + last.getMessage(), last);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the embedded node", e);
        }
    }
}
