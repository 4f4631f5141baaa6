package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynamo.jcache.DynamoCache;
import io.dynamo.jcache.DynamoCachingProvider;
import io.dynamo.jcache.DynamoConfiguration;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JCache provider against three node JVMs (N=3, R=2, W=2), with two clients: two cache
 * managers whose URIs list the seeds in different orders, so each has its own connection. Each
 * test works on caches of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JCacheClusterTest {
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).build();

    private CachingProvider provider;
    private CacheManager alice;
    private CacheManager bob;
    private final List<Cache<String, String>> everyReplica = new ArrayList<>();

    @BeforeAll
    void connect() {
        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        List<String> seeds = new ArrayList<>(List.of(cluster.seeds().split(",")));
        alice = provider.getCacheManager(URI.create("dynamo://" + String.join(",", seeds)), getClass().getClassLoader(), cluster.jcacheSettings());
        Collections.reverse(seeds);
        bob = provider.getCacheManager(URI.create("dynamo://" + String.join(",", seeds)), getClass().getClassLoader(), cluster.jcacheSettings());
        for (CacheManager manager : List.of(alice, bob)) {
            everyReplica.add(manager.createCache("every-replica", new DynamoConfiguration<String, String>().setWriteQuorum(3)));
        }
    }

    @AfterAll
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    /**
     * Every test starts on a whole cluster: until both clients write with W=3, since a node an
     * earlier test killed and the extension restarted can be held down for a moment by its peers.
     */
    @BeforeEach
    void wholeCluster() {
        await("every replica reachable by both clients").atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            for (Cache<String, String> cache : everyReplica) {
                for (int i = 0; i < 30; i++) {
                    cache.put("reachable-" + i, "x");
                }
            }
        });
    }

    @Test
    void aValuePutByOneClientIsReadByTheOther() {
        Cache<String, String> a = alice.createCache("sessions", new MutableConfiguration<>());
        Cache<String, String> b = bob.createCache("sessions", new MutableConfiguration<>());
        a.put("alice", "token-1");
        assertThat(b.get("alice")).isEqualTo("token-1");
        assertThat(b.replace("alice", "token-1", "token-2")).isTrue();
        assertThat(a.putIfAbsent("alice", "token-3")).isFalse();
        assertThat(a.get("alice")).isEqualTo("token-2");
    }

    @Test
    void twoClientsWritingOneKeyConcurrentlyYieldSiblingsAndAPutWithTheMergedContextResolvesThem() throws Exception {
        DynamoCache<String, String> a = alice.createCache("carts", siblings()).unwrap(DynamoCache.class);
        DynamoCache<String, String> b = bob.createCache("carts", siblings()).unwrap(DynamoCache.class);
        concurrently(() -> a.put("cart:1", Context.empty(), "book"), () -> b.put("cart:1", Context.empty(), "pen"));

        Versioned<String> read = a.getVersions("cart:1");
        assertThat(read.values()).containsExactlyInAnyOrder("book", "pen");

        a.put("cart:1", read.context(), "book,pen");
        assertThat(b.getVersions("cart:1").values()).containsExactly("book,pen");
    }

    @Test
    void aMergeCacheReturnsTheResolversValue() throws Exception {
        Cache<String, TreeSet<String>> a = alice.createCache("merged-carts", merge());
        Cache<String, TreeSet<String>> b = bob.createCache("merged-carts", merge());
        DynamoCache<String, TreeSet<String>> da = a.unwrap(DynamoCache.class);
        DynamoCache<String, TreeSet<String>> db = b.unwrap(DynamoCache.class);
        concurrently(() -> da.put("cart:2", Context.empty(), new TreeSet<>(Set.of("book"))),
                () -> db.put("cart:2", Context.empty(), new TreeSet<>(Set.of("pen"))));

        assertThat(a.get("cart:2")).containsExactly("book", "pen");
        // The merge was written back with the read's context: one version left, for every client.
        assertThat(db.getVersions("cart:2").values()).singleElement().isEqualTo(new TreeSet<>(Set.of("book", "pen")));
    }

    @Test
    void aWriteWithoutItsQuorumFailsWithACacheExceptionThatSaysSo() {
        Cache<String, String> a = alice.createCache("quorum-sessions", new MutableConfiguration<>());
        a.put("alice", "token-1");
        cluster.kill(1);
        cluster.kill(2);
        assertThatThrownBy(() -> a.put("alice", "token-4")).isInstanceOf(CacheException.class).hasMessageContaining("quorum");
    }

    private static DynamoConfiguration<String, String> siblings() {
        return new DynamoConfiguration<String, String>().setConflictPolicy(ConflictPolicy.SIBLINGS);
    }

    private static DynamoConfiguration<String, TreeSet<String>> merge() {
        return new DynamoConfiguration<String, TreeSet<String>>().setConflictResolver(siblings -> {
            TreeSet<String> all = new TreeSet<>();
            siblings.forEach(all::addAll);
            return all;
        });
    }

    private static void concurrently(Runnable first, Runnable second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> afterGo(go, first));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> afterGo(go, second));
        go.countDown();
        CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);
    }

    private static void afterGo(CountDownLatch go, Runnable r) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        r.run();
    }
}
