package io.dynamo.zookeeper;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

/**
 * A standalone ZooKeeper server in this JVM, ZooKeeper's own {@link ZooKeeperServerMain}, for
 * demos and tests ({@code bin/dynamo zk}). Listens on {@code host:port} only; no admin server.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private final ZooKeeperServerMain server = new ZooKeeperServerMain();
    private final Thread thread;
    private volatile Throwable failure;

    private EmbeddedZooKeeper(String host, int port, Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        System.setProperty("zookeeper.admin.enableServer", "false");
        Properties p = new Properties();
        p.setProperty("dataDir", dataDir.toAbsolutePath().toString());
        p.setProperty("clientPort", Integer.toString(port));
        p.setProperty("clientPortAddress", host);
        p.setProperty("tickTime", "1000");
        p.setProperty("admin.enableServer", "false");
        // The default metrics provider needs Dropwizard metrics, which the launcher does not ship.
        p.setProperty("metricsProvider.className", "org.apache.zookeeper.metrics.impl.NullMetricsProvider");
        QuorumPeerConfig quorum = new QuorumPeerConfig();
        quorum.parseProperties(p);
        ServerConfig config = new ServerConfig();
        config.readFrom(quorum);
        thread = new Thread(() -> {
            try {
                server.runFromConfig(config);
            } catch (Throwable t) {
                failure = t;
            }
        }, "zookeeper-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the server and waits until it accepts connections. */
    public static EmbeddedZooKeeper start(String host, int port, Path dataDir, Duration patience) throws Exception {
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(host, port, dataDir);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (zk.failure != null) {
                throw new IllegalStateException("ZooKeeper failed to start: " + zk.failure, zk.failure);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return zk;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    zk.close();
                    throw new IllegalStateException("ZooKeeper did not listen on " + host + ":" + port + " within " + patience);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
