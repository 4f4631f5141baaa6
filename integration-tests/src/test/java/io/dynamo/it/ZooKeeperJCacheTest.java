package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.jcache.DynamoCacheManager;
import io.dynamo.jcache.DynamoCachingProvider;
import java.net.URI;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code zk://} URIs in the JCache provider and the client commands, against node processes and a
 * ZooKeeper process (bin/dynamo zk): the seeds and the settings come from ZooKeeper, and once it is
 * gone the cache goes on reading and writing, and a new connection still finds the cluster through
 * the seeds this process saw last.
 */
class ZooKeeperJCacheTest {
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).startedByTest().build();

    private ZooKeeperProcess zk;
    private CachingProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void aZkCacheManagerTakesSeedsAndSettingsFromZooKeeperAndKeepsWorkingWhenItIsGone() throws Exception {
        zk = ZooKeeperProcess.start(cluster.workDir().resolve("zookeeper"));
        for (int i = 0; i < 3; i++) {
            cluster.nodeArgs(i, "--zk", zk.connectString() + "/dynamo");
        }
        String set = BinDynamo.run("admin", "zk-config", "--zk", zk.connectString() + "/dynamo", "--cluster", cluster.name(),
                "--set-seeds", cluster.members(), "--set-config", "R=2,W=2,timeout=3s");
        assertThat(set).startsWith("0\n");
        cluster.startAll();
        String uri = "zk://" + zk.connectString() + "/dynamo/" + cluster.name();

        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        CacheManager manager = provider.getCacheManager(URI.create(uri), getClass().getClassLoader());
        DynamoCacheManager dynamo = manager.unwrap(DynamoCacheManager.class);
        assertThat(dynamo.settings().timeout()).as("timeout from the config znode").isEqualTo(Duration.ofSeconds(3));
        assertThat(dynamo.settings().cluster()).isEqualTo(cluster.name());
        Cache<String, String> cache = manager.createCache("zk-jcache", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        for (int i = 0; i < 20; i++) {
            cache.put("before-" + i, "v" + i);
        }
        assertThat(cache.get("before-7")).isEqualTo("v7");

        // The client commands take the same URI in place of --seeds.
        assertThat(BinDynamo.run("put", "--seeds", uri, "--cache", "zk-cli", "from-cli", "hello")).startsWith("0\n");
        assertThat(BinDynamo.run("get", "--seeds", uri, "--cache", "zk-cli", "from-cli")).startsWith("0\n").endsWith("\nhello\n");
        assertThat(BinDynamo.run("get", "--seeds", "zk://" + zk.connectString() + "/" + cluster.name(), "from-cli"))
                .startsWith("2\n").contains("expected zk://host:port[,host:port]/ROOT/CLUSTER");

        zk.kill();
        for (int i = 0; i < 20; i++) {
            cache.put("after-" + i, "w" + i);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(cache.get("before-" + i)).isEqualTo("v" + i);
            assertThat(cache.get("after-" + i)).isEqualTo("w" + i);
        }
        // Another connection (one leaving from a given address is not shared), opened with ZooKeeper down.
        CacheManager later = provider.getCacheManager(URI.create(uri + "?local-address=127.0.0.1"), getClass().getClassLoader());
        Cache<String, String> seenLater = later.createCache("zk-jcache", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        assertThat(seenLater.get("after-3")).isEqualTo("w3");
        seenLater.put("from-later", "x");
        assertThat(cache.get("from-later")).isEqualTo("x");

        assertThatThrownBy(() -> provider.getCacheManager(URI.create("zk://" + zk.connectString() + "/dynamo"), getClass().getClassLoader()))
                .isInstanceOf(CacheException.class).hasMessageContaining("expected zk://host:port[,host:port]/ROOT/CLUSTER");
    }
}
