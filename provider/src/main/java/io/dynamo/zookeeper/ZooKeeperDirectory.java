package io.dynamo.zookeeper;

import io.dynamo.config.ClusterSettings;
import io.dynamo.config.ZkAddress;
import io.dynamo.spi.SeedSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's seeds and settings in ZooKeeper, through Curator (DESIGN: ZooKeeper holds only
 * {@code /<root>/<cluster>/seeds} and {@code /<root>/<cluster>/config}, and is never on the data
 * path). Both znodes are watched, so a change of config reaches every node within moments,
 * without a restart. Whatever was last read is also kept ({@link LastSeen}: a node's data
 * directory, a client's process memory), so a node or client that starts while ZooKeeper is down
 * falls back to the seeds and settings it last saw.
 *
 * <p>Seeds are member specs, {@code ID@HOST:PORT,...}: a node whose id is among them takes the
 * list as its cluster's first ring (like {@code --members}); any other node joins through them
 * (like {@code --seeds}).
 */
public final class ZooKeeperDirectory implements SeedSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperDirectory.class);
    static final String SEEDS_FILE = "zk-seeds";
    static final String CONFIG_FILE = "zk-config";

    private final ZkAddress address;
    private final String cluster;
    private final LastSeen lastSeen;
    private final CuratorFramework client;
    private final CuratorCache cache;
    private final List<Consumer<ClusterSettings>> settingsListeners = new CopyOnWriteArrayList<>();
    private volatile List<String> seeds;
    private volatile ClusterSettings settings;

    private ZooKeeperDirectory(ZkAddress address, String cluster, LastSeen lastSeen) {
        this.address = address;
        this.cluster = cluster;
        this.lastSeen = lastSeen;
        this.seeds = parseSeeds(lastSeen.read(SEEDS_FILE).orElse(""));
        this.settings = lastSeen.read(CONFIG_FILE).map(ZooKeeperDirectory::parseSettingsOrNone).orElse(ClusterSettings.NONE);
        this.client = CuratorFrameworkFactory.builder().connectString(address.connectString()).namespace(address.root())
                .sessionTimeoutMs(15_000).connectionTimeoutMs(3_000).retryPolicy(new ExponentialBackoffRetry(200, 5, 2_000)).build();
        this.cache = CuratorCache.build(client, "/" + cluster);
    }

    /**
     * Connects (waiting at most {@code patience}) and starts watching. When ZooKeeper cannot be
     * reached, the seeds and settings saved in {@code cacheDir} stand, and the watch takes over
     * once ZooKeeper is back.
     */
    public static ZooKeeperDirectory open(ZkAddress address, String cluster, Path cacheDir, Duration patience) {
        return open(address, cluster, LastSeen.inDirectory(cacheDir), patience);
    }

    /**
     * A client's directory: like {@link #open(ZkAddress, String, Path, Duration)}, with what was
     * last read kept in this process's memory, shared by every client directory of the same
     * ZooKeeper and cluster.
     */
    public static ZooKeeperDirectory openInMemory(ZkAddress address, String cluster, Duration patience) {
        return open(address, cluster, LastSeen.inMemory(address.spec() + "|" + cluster), patience);
    }

    private static ZooKeeperDirectory open(ZkAddress address, String cluster, LastSeen lastSeen, Duration patience) {
        ZooKeeperDirectory d = new ZooKeeperDirectory(address, cluster, lastSeen);
        d.start(patience);
        return d;
    }

    private void start(Duration patience) {
        client.start();
        cache.listenable().addListener(CuratorCacheListener.builder().forAll((type, before, after) -> reload()).build());
        cache.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected((int) patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (connected) {
            try {
                seeds(readZnode(address.seedsPath(cluster)));
                settings(readZnode(address.configPath(cluster)));
            } catch (Exception e) {
                log.warn("cannot read cluster '{}' from ZooKeeper {}: {}; using the last seeds seen {}", cluster, address.spec(), e.toString(), seeds);
            }
        } else {
            log.warn("ZooKeeper {} not reachable within {}; using the last seeds seen {} and settings {}", address.spec(), patience, seeds,
                    settings.format().replace('\n', ' ').trim());
        }
    }

    /** Member specs {@code ID@HOST:PORT}: from ZooKeeper, or the last seen when it is unreachable. */
    @Override
    public List<String> seeds() {
        return seeds;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Called with the new settings each time the config znode changes. */
    public void onSettings(Consumer<ClusterSettings> listener) {
        settingsListeners.add(listener);
    }

    private void reload() {
        seeds(cache.get(address.seedsPath(cluster)).map(ChildData::getData));
        settings(cache.get(address.configPath(cluster)).map(ChildData::getData));
    }

    private Optional<byte[]> readZnode(String path) throws Exception {
        if (client.checkExists().forPath(path) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(client.getData().forPath(path));
    }

    private synchronized void seeds(Optional<byte[]> data) {
        if (data.isEmpty()) {
            return;
        }
        String text = new String(data.get(), StandardCharsets.UTF_8);
        List<String> next = parseSeeds(text);
        if (!next.equals(seeds)) {
            seeds = next;
            lastSeen.write(SEEDS_FILE, String.join(",", next));
            log.info("cluster '{}' seeds from ZooKeeper: {}", cluster, next);
        }
    }

    private synchronized void settings(Optional<byte[]> data) {
        if (data.isEmpty()) {
            return;
        }
        String text = new String(data.get(), StandardCharsets.UTF_8);
        ClusterSettings next;
        try {
            next = ClusterSettings.parse(text);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring bad config of cluster '{}' in ZooKeeper: {}", cluster, e.getMessage());
            return;
        }
        if (!next.equals(settings)) {
            settings = next;
            lastSeen.write(CONFIG_FILE, text);
            for (Consumer<ClusterSettings> l : settingsListeners) {
                l.accept(next);
            }
        }
    }

    private static ClusterSettings parseSettingsOrNone(String text) {
        try {
            return ClusterSettings.parse(text);
        } catch (IllegalArgumentException e) {
            return ClusterSettings.NONE;
        }
    }

    static List<String> parseSeeds(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("[,\\s]+")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        cache.close();
        client.close();
    }

    /**
     * For operators ({@code bin/dynamo admin zk-config}): sets the cluster's seeds and/or config
     * (when present; the config is checked first) and returns both as ZooKeeper then holds them.
     */
    public static String[] write(ZkAddress address, String cluster, Optional<String> seeds, Optional<String> config, Duration patience)
            throws Exception {
        config.ifPresent(ClusterSettings::parse);
        seeds.ifPresent(s -> parseSeeds(s).forEach(io.dynamo.ring.Member::parse));
        try (CuratorFramework c = CuratorFrameworkFactory.builder().connectString(address.connectString()).namespace(address.root())
                .connectionTimeoutMs((int) patience.toMillis()).retryPolicy(new ExponentialBackoffRetry(200, 3)).build()) {
            c.start();
            if (!c.blockUntilConnected((int) patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("ZooKeeper " + address.connectString() + " not reachable within " + patience);
            }
            if (seeds.isPresent()) {
                set(c, address.seedsPath(cluster), String.join(",", parseSeeds(seeds.get())));
            }
            if (config.isPresent()) {
                set(c, address.configPath(cluster), config.get().replace(',', '\n'));
            }
            return new String[] {read(c, address.seedsPath(cluster)), read(c, address.configPath(cluster))};
        }
    }

    private static void set(CuratorFramework c, String path, String text) throws Exception {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (c.checkExists().forPath(path) == null) {
            c.create().creatingParentsIfNeeded().forPath(path, data);
        } else {
            c.setData().forPath(path, data);
        }
    }

    private static String read(CuratorFramework c, String path) throws Exception {
        return c.checkExists().forPath(path) == null ? "" : new String(c.getData().forPath(path), StandardCharsets.UTF_8);
    }
}
