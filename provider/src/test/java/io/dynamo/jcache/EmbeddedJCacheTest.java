package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.processor.EntryProcessor;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The provider against a node inside this JVM: what an application gets with no configuration at all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedJCacheTest {
    private CachingProvider provider;
    private CacheManager manager;

    @BeforeAll
    void start() {
        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        manager = provider.getCacheManager(URI.create("dynamo:embedded"), getClass().getClassLoader());
    }

    @AfterAll
    void stop() {
        provider.close();
    }

    @Test
    void serviceLoaderFindsTheProviderAndTheDefaultUriIsEmbedded() {
        assertThat(Caching.getCachingProvider()).isInstanceOf(DynamoCachingProvider.class);
        assertThat(provider.getDefaultURI()).isEqualTo(URI.create("dynamo:embedded"));
        assertThat(manager.unwrap(DynamoCacheManager.class).settings().replicas()).isEqualTo(1);
    }

    @Test
    void valuesAreStoredByValue() {
        Cache<String, ArrayList<String>> cache = manager.createCache("by-value", new MutableConfiguration<String, ArrayList<String>>());
        try {
            ArrayList<String> cart = new ArrayList<>(List.of("book"));
            cache.put("alice", cart);
            cart.add("pen");
            assertThat(cache.get("alice")).containsExactly("book");
            assertThat(cache.unwrap(DynamoCache.class).conflictPolicy()).isEqualTo(ConflictPolicy.LAST_WRITE_WINS);
        } finally {
            manager.destroyCache("by-value");
        }
    }

    @Test
    void bulkOperationsAndConditionalOperations() {
        Cache<Integer, String> cache = manager.createCache("bulk", new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
        try {
            cache.putAll(Map.of(1, "a", 2, "b", 3, "c"));
            assertThat(cache.getAll(Set.of(1, 2, 3, 4))).containsOnly(Map.entry(1, "a"), Map.entry(2, "b"), Map.entry(3, "c"));
            assertThat(cache.putIfAbsent(1, "x")).isFalse();
            assertThat(cache.replace(1, "a", "a2")).isTrue();
            assertThat(cache.replace(1, "a", "a3")).isFalse();
            assertThat(cache.remove(2, "nope")).isFalse();
            assertThat(cache.getAndRemove(2)).isEqualTo("b");
            EntryProcessor<Integer, String, String> exclaim = (entry, args) -> {
                entry.setValue(entry.getValue() + "!");
                return entry.getValue();
            };
            String processed = cache.invoke(3, exclaim);
            assertThat(processed).isEqualTo("c!");
            assertThat(cache.get(3)).isEqualTo("c!");
            List<Integer> keys = new ArrayList<>();
            cache.forEach(e -> keys.add(e.getKey()));
            assertThat(keys).containsExactlyInAnyOrder(1, 3);
            cache.removeAll();
            assertThat(cache.iterator().hasNext()).isFalse();
        } finally {
            manager.destroyCache("bulk");
        }
    }

    @Test
    void concurrentWritesUnderTheSiblingsPolicyComeBackAsSiblingsAndAPutWithTheirContextResolvesThem() {
        DynamoConfiguration<String, String> config = new DynamoConfiguration<String, String>().setConflictPolicy(ConflictPolicy.SIBLINGS);
        Cache<String, String> cache = manager.createCache("siblings", config);
        try {
            DynamoCache<String, String> dynamo = cache.unwrap(DynamoCache.class);
            dynamo.put("cart", Context.empty(), "book");
            dynamo.put("cart", Context.empty(), "pen");
            Versioned<String> read = dynamo.getVersions("cart");
            assertThat(read.values()).containsExactlyInAnyOrder("book", "pen");
            assertThatThrownBy(() -> cache.get("cart")).isInstanceOf(CacheException.class).hasMessageContaining("2 concurrent versions");

            dynamo.put("cart", read.context(), "book,pen");
            assertThat(dynamo.getVersions("cart").values()).containsExactly("book,pen");
            assertThat(cache.get("cart")).isEqualTo("book,pen");

            // A JCache put or remove supersedes every sibling it read.
            dynamo.put("cart", Context.empty(), "mug");
            assertThat(cache.containsKey("cart")).isTrue();
            cache.put("cart", "book,pen,mug");
            assertThat(dynamo.getVersions("cart").values()).containsExactly("book,pen,mug");
            dynamo.put("cart", Context.empty(), "lamp");
            assertThat(cache.remove("cart")).isTrue();
            assertThat(dynamo.getVersions("cart").values()).isEmpty();
        } finally {
            manager.destroyCache("siblings");
        }
    }

    @Test
    void aMergeCacheReturnsTheResolversValueAndWritesItBack() {
        DynamoConfiguration<String, TreeSet<String>> config = new DynamoConfiguration<String, TreeSet<String>>()
                .setConflictResolver(EmbeddedJCacheTest::union);
        Cache<String, TreeSet<String>> cache = manager.createCache("merge", config);
        try {
            DynamoCache<String, TreeSet<String>> dynamo = cache.unwrap(DynamoCache.class);
            assertThat(dynamo.conflictPolicy()).isEqualTo(ConflictPolicy.MERGE);
            dynamo.put("cart", Context.empty(), new TreeSet<>(Set.of("book")));
            dynamo.put("cart", Context.empty(), new TreeSet<>(Set.of("pen")));
            assertThat(cache.get("cart")).containsExactly("book", "pen");
            assertThat(dynamo.getVersions("cart").values()).hasSize(1);
        } finally {
            manager.destroyCache("merge");
        }
    }

    @Test
    void anExpiredEntryReadsAsAbsentAndListenersHearExpired() {
        List<CacheEntryEvent<?, ?>> heard = new CopyOnWriteArrayList<>();
        ExpiredCollector.target = heard;
        MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 150)))
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(ExpiredCollector.class), null, true, true));
        Cache<String, String> cache = manager.createCache("expiry", config);
        try {
            cache.put("session", "token");
            assertThat(cache.get("session")).isEqualTo("token");
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> cache.get("session") == null);
            assertThat(heard).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.EXPIRED);
                assertThat(e.getOldValue()).isEqualTo("token");
            });
        } finally {
            manager.destroyCache("expiry");
        }
    }

    @Test
    void errorsSayWhatIsWrong() {
        Cache<String, Object> cache = manager.createCache("errors", new MutableConfiguration<>());
        try {
            assertThatThrownBy(() -> cache.put(null, "v")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> cache.put("k", new byte[EntryStore.MAX_VALUE_BYTES])).isInstanceOf(CacheException.class)
                    .hasMessageContaining("value too large");
            assertThatThrownBy(() -> cache.put("k", new Object())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not Serializable");
        } finally {
            manager.destroyCache("errors");
        }
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("zk://127.0.0.1:2181/shop"), getClass().getClassLoader()))
                .isInstanceOf(CacheException.class).hasMessageContaining("expected zk://host:port[,host:port]/ROOT/CLUSTER");
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("dynamo://127.0.0.1:1?timeout=300ms"), getClass().getClassLoader()))
                .isInstanceOf(CacheException.class).hasMessageContaining("cannot reach the dynamo cluster");
    }

    private static TreeSet<String> union(List<TreeSet<String>> siblings) {
        TreeSet<String> all = new TreeSet<>();
        siblings.forEach(all::addAll);
        return all;
    }

    /** Listeners are made by a factory from a class; this one reports to the running test. */
    public static final class ExpiredCollector implements CacheEntryExpiredListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        static volatile List<CacheEntryEvent<?, ?>> target = new ArrayList<>();

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            events.forEach(target::add);
        }
    }
}
