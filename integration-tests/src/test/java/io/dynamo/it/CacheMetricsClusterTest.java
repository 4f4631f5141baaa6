package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.jcache.DynamoCachingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;

/**
 * Spring Boot's cache metrics (actuator; Micrometer's JCacheMetrics finds statistics by a JMX name
 * built from the cache manager's URI) for an application on a cluster of three node processes,
 * pointed at it by the provider's default URI ({@code dynamo.uri}): through its seeds, separated
 * by ';' so that the URI is a valid JMX value, and through the ZooKeeper process the nodes take
 * their seeds from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheMetricsClusterTest {
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).startedByTest().build();

    private ZooKeeperProcess zk;

    @BeforeAll
    void start() throws Exception {
        zk = ZooKeeperProcess.start(cluster.workDir().resolve("zookeeper"));
        for (int i = 0; i < 3; i++) {
            cluster.nodeArgs(i, "--zk", zk.connectString() + "/dynamo");
        }
        assertThat(BinDynamo.run("admin", "zk-config", "--zk", zk.connectString() + "/dynamo", "--cluster", cluster.name(),
                "--set-seeds", cluster.members())).startsWith("0\n");
        cluster.startAll();
    }

    @AfterAll
    void stop() {
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void cacheGetsCountHitsAndMissesThroughThreeSeeds() {
        assertHitsAndMissesCounted("dynamo://" + cluster.seeds().replace(',', ';'), "metered-by-seeds");
    }

    @Test
    void cacheGetsCountHitsAndMissesThroughZooKeeper() {
        assertHitsAndMissesCounted("zk://" + zk.connectString() + "/dynamo/" + cluster.name(), "metered-by-zk");
    }

    private static void assertHitsAndMissesCounted(String uri, String cacheName) {
        String before = System.getProperty(DynamoCachingProvider.URI_PROPERTY);
        System.setProperty(DynamoCachingProvider.URI_PROPERTY, uri);
        try {
            boot(cacheName).run(context -> {
                Cache cache = context.getBean(CacheManager.class).getCache(cacheName);
                assertThat(cache.get("absent-1")).isNull();
                assertThat(cache.get("absent-2")).isNull();
                cache.put("sku", "coffee");
                assertThat(cache.get("sku", String.class)).isEqualTo("coffee");

                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("cache.gets").tag("cache", cacheName).tag("result", "hit").functionCounter().count()).isEqualTo(1);
                assertThat(registry.get("cache.gets").tag("cache", cacheName).tag("result", "miss").functionCounter().count()).isEqualTo(2);
            });
        } finally {
            if (before == null) {
                System.clearProperty(DynamoCachingProvider.URI_PROPERTY);
            } else {
                System.setProperty(DynamoCachingProvider.URI_PROPERTY, before);
            }
        }
    }

    /**
     * An application with Boot's JCache support, its named cache with statistics on, and cache
     * metrics; the URI is the provider's default, settings are properties (a query would make the
     * URI an invalid JMX value), and a loaded test machine needs a patient timeout.
     */
    private static ApplicationContextRunner boot(String cacheName) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class))
                .withUserConfiguration(CachingOn.class)
                .withBean(javax.cache.configuration.Configuration.class, () -> new MutableConfiguration<>().setStatisticsEnabled(true))
                .withBean(JCachePropertiesCustomizer.class, () -> properties -> properties.setProperty("dynamo.timeout", "10s"))
                .withPropertyValues("spring.cache.type=jcache", "spring.cache.jcache.provider=" + DynamoCachingProvider.class.getName(),
                        "spring.cache.cache-names=" + cacheName);
    }

    @EnableCaching
    static class CachingOn {}
}
