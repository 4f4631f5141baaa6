package io.dynamo.demo;

import io.dynamo.cli.DynamoCli;
import io.dynamo.config.ZkAddress;
import io.dynamo.launcher.ClusterLayout;
import io.dynamo.launcher.Directories;
import io.dynamo.launcher.LocalCluster;
import io.dynamo.launcher.NodeRuntime;
import io.dynamo.security.TlsFiles;
import io.dynamo.zookeeper.EmbeddedZooKeeper;
import io.dynamo.zookeeper.ZooKeeperDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's cluster on embedded defaults: a ZooKeeper server in this JVM holding the seeds and
 * settings, five node JVMs that take both from it (RocksDB in a temporary directory), and a sixth
 * node slot that joins later. Each node has its own loopback address, so a network partition can
 * cut links between nodes without touching the rest of the machine.
 */
final class DemoCluster implements AutoCloseable {
    static final String NAME = "demo";
    static final int FIRST_NODES = 5;
    /** Few partitions: a join, a leave and a repair each move a whole partition at a time, and the demo has minutes, not hours. */
    static final String SETTINGS = "N=3,Q=32";
    private static final String ZK_ROOT = "dynamo";
    private static final List<String> NODE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private final Path dir;
    private final Optional<TlsFiles> tls;
    private final String zk;
    private final EmbeddedZooKeeper zooKeeper;
    private final LocalCluster nodes;

    private DemoCluster(Path dir, Optional<TlsFiles> tls, String zk, EmbeddedZooKeeper zooKeeper, LocalCluster nodes) {
        this.dir = dir;
        this.tls = tls;
        this.zk = zk;
        this.zooKeeper = zooKeeper;
        this.nodes = nodes;
    }

    /** Starts ZooKeeper and writes the seeds and settings; no node runs yet. */
    static DemoCluster prepare(Path dir, Optional<TlsFiles> tls) throws Exception {
        int zkPort = freePort();
        EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start("127.0.0.1", zkPort, dir.resolve("zk"), Duration.ofSeconds(30));
        String zk = "127.0.0.1:" + zkPort + "/" + ZK_ROOT;
        ClusterLayout layout = ClusterLayout.onFreePorts(NAME, FIRST_NODES + 1, DemoCluster::host);
        List<String> args = new ArrayList<>(List.of("--zk", zk, "--anti-entropy-interval", "0"));
        tls.ifPresent(f -> args.addAll(List.of("--tls-cert", f.cert().toString(), "--tls-key", f.key().toString(),
                "--tls-ca", f.ca().toString())));
        LocalCluster nodes = LocalCluster.builder(layout, NodeRuntime.thisJvm(DynamoCli.class.getName(), NODE_JVM), dir.resolve("nodes"))
                .nodeArgs(args).readyTimeout(Duration.ofSeconds(90)).build();
        DemoCluster cluster = new DemoCluster(dir, tls, zk, zooKeeper, nodes);
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < FIRST_NODES; i++) {
            seeds.add(layout.node(i).member());
        }
        ZooKeeperDirectory.write(ZkAddress.parse(zk), NAME, Optional.of(String.join(",", seeds)), Optional.of(SETTINGS),
                Duration.ofSeconds(10));
        return cluster;
    }

    /**
     * Node {@code i}'s own loopback address: 127.250.X.(11+i), X from this process's id, so that two
     * demos (or a test's cluster) on one machine never share an address that a cut names.
     */
    static String host(int i) {
        return "127.250." + ProcessHandle.current().pid() % 250 + "." + (11 + i);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The five first nodes, started at once. */
    void startFirstNodes() {
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < FIRST_NODES; i++) {
            first.add(i);
        }
        nodes.startEach(first);
    }

    LocalCluster nodes() {
        return nodes;
    }

    String zk() {
        return zk;
    }

    Optional<TlsFiles> tls() {
        return tls;
    }

    Path dir() {
        return dir;
    }

    /** Seeds of every node slot, for clients: whichever nodes run answer. */
    String seeds() {
        return nodes.seeds();
    }

    /** Stops every node, then ZooKeeper, then deletes the temporary directory. Idempotent. */
    @Override
    public void close() {
        try {
            nodes.close();
        } finally {
            zooKeeper.close();
            try {
                Directories.delete(dir);
            } catch (IOException | UncheckedIOException e) {
                // a temporary directory left behind is not worth failing the run for
            }
        }
    }
}
