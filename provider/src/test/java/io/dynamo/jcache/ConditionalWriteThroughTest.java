package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Write-through of conditional operations against {@code dynamo:embedded}: the writer hears once
 * per logical operation, for the attempt that applied, even when an earlier attempt lost its
 * compare-and-set to another writer; a writer that fails leaves the cache as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalWriteThroughTest {
    /** What the writer was asked to write, in order. */
    static final List<String> WRITTEN = new CopyOnWriteArrayList<>();
    static volatile boolean failing;

    private CachingProvider provider;
    private CacheManager manager;
    private Cache<String, String> cache;

    @BeforeAll
    void start() {
        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        manager = provider.getCacheManager(URI.create("dynamo:embedded"), getClass().getClassLoader());
        cache = manager.createCache("write-through", new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setWriteThrough(true).setCacheWriterFactory(FactoryBuilder.factoryOf(RecordingWriter.class)));
    }

    @AfterEach
    void reset() {
        cache.clear();
        WRITTEN.clear();
        failing = false;
    }

    @AfterAll
    void stop() {
        provider.close();
    }

    @Test
    void anEntryProcessorWhoseFirstAttemptLostItsRaceIsWrittenThroughOnce() {
        cache.put("k", "before");
        WRITTEN.clear();
        AtomicInteger runs = new AtomicInteger();
        String result = cache.invoke("k", (entry, args) -> {
            if (runs.incrementAndGet() == 1) {
                cache.put("k", "concurrent"); // another writer between this attempt's read and its compare-and-set
            }
            entry.setValue(entry.getValue() + "+mine");
            return entry.getValue();
        });
        assertThat(runs).as("run again on the value the other writer left").hasValue(2);
        assertThat(result).isEqualTo("concurrent+mine");
        assertThat(cache.get("k")).isEqualTo("concurrent+mine");
        assertThat(WRITTEN).containsExactly("k=concurrent", "k=concurrent+mine");
    }

    @Test
    void aFailingWriterLeavesTheCacheAsItWasAfterAConditionalWrite() {
        cache.put("k", "before");
        failing = true;
        assertThatThrownBy(() -> cache.replace("k", "after")).isInstanceOf(CacheWriterException.class);
        assertThatThrownBy(() -> cache.putIfAbsent("new", "v")).isInstanceOf(CacheWriterException.class);
        failing = false;
        assertThat(cache.get("k")).isEqualTo("before");
        assertThat(cache.containsKey("new")).isFalse();
    }

    @Test
    void aPutIfAbsentThatFindsTheKeyPresentWritesNothingThrough() {
        cache.put("k", "first");
        WRITTEN.clear();
        assertThat(cache.putIfAbsent("k", "second")).isFalse();
        assertThat(WRITTEN).isEmpty();
    }

    public static final class RecordingWriter implements CacheWriter<String, String> {
        @Override
        public void write(Cache.Entry<? extends String, ? extends String> entry) {
            if (failing) {
                throw new CacheWriterException("the store behind the cache is down");
            }
            WRITTEN.add(entry.getKey() + "=" + entry.getValue());
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
            entries.forEach(this::write);
        }

        @Override
        public void delete(Object key) {
            WRITTEN.add("delete " + key);
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            keys.forEach(this::delete);
        }
    }
}
