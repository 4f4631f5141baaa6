package io.dynamo.zookeeper;

import io.dynamo.config.ClusterSettings;
import io.dynamo.ring.Member;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's view of a cluster registered in ZooKeeper ({@code zk://} URIs): the seeds znode,
 * watched, as addresses to learn the ring from, and the config znode's settings. What was last
 * read stays in this process's memory, so a client started (or a cache manager opened) while
 * ZooKeeper is down still finds the cluster through the seeds seen last; the ring itself is then
 * learnt from the nodes, and ZooKeeper is never on the data path.
 */
public final class ZooKeeperSeeds implements AutoCloseable {
    private final ZkClusterUri uri;
    private final ZooKeeperDirectory directory;

    private ZooKeeperSeeds(ZkClusterUri uri, ZooKeeperDirectory directory) {
        this.uri = uri;
        this.directory = directory;
    }

    /** Connects (waiting at most {@code patience}) and watches; when ZooKeeper cannot be reached, the seeds seen last stand. */
    public static ZooKeeperSeeds open(ZkClusterUri uri, Duration patience) {
        return new ZooKeeperSeeds(uri, ZooKeeperDirectory.openInMemory(uri.address(), uri.cluster(), patience));
    }

    /**
     * The seeds' addresses now.
     *
     * @throws IllegalStateException when ZooKeeper holds none and none were seen before in this process
     */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String spec : directory.seeds()) {
            Member m = Member.parse(spec);
            out.add(InetSocketAddress.createUnresolved(m.host(), m.port()));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no seeds for cluster '" + uri.cluster() + "' in ZooKeeper " + uri.address().connectString()
                    + " (znode /" + uri.address().root() + uri.address().seedsPath(uri.cluster())
                    + ", ID@HOST:PORT,...), and none seen before in this process");
        }
        return List.copyOf(out);
    }

    /** The config znode's settings, those seen last while ZooKeeper is down, {@link ClusterSettings#NONE} if never any. */
    public ClusterSettings settings() {
        return directory.settings();
    }

    @Override
    public void close() {
        directory.close();
    }
}
