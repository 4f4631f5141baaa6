package io.dynamo.bench;

import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.config.Discovery;
import io.dynamo.config.EngineKind;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.NodeIdentity;
import io.dynamo.config.StorageConfig;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.jcache.DynamoCachingProvider;
import io.dynamo.node.DynamoNode;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the JCache layer costs: {@code cache.get}/{@code cache.put} through the provider against
 * the raw {@link DynamoClient} on the same three-node cluster (in-memory nodes in this JVM on
 * loopback, N=3, R=2, W=2, last-write-wins), same keys and value sizes. The provider adds Java
 * serialization of key and value, the expiry envelope and the JCache checks; a plain cache (eternal
 * expiry, no listeners) writes without reading first, so each operation is one request either way.
 */
@State(Scope.Benchmark)
@Threads(8)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JCacheBench {
    @Param({"100"})
    public int valueBytes;

    @Param({"10000"})
    public int keyCount;

    private final List<DynamoNode> nodes = new ArrayList<>();
    private DynamoClient client;
    private CachingProvider provider;
    private Cache<String, byte[]> cache;
    private CacheSpec spec;
    private String[] keys;
    private byte[][] rawKeys;
    private byte[] value;

    @Setup(Level.Trial)
    public void start() {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            members.add(new Member(new NodeId("n" + i), "127.0.0.1", freePort(), ""));
        }
        StorageConfig storage = StorageConfig.defaults(Path.of("target", "jcache-bench")).withEngine(EngineKind.MEMORY);
        for (Member m : members) {
            nodes.add(DynamoNode.start(NodeConfig.of(new NodeIdentity("bench", m), Discovery.members(members), storage)));
        }
        StringBuilder seeds = new StringBuilder();
        for (Member m : members) {
            seeds.append(seeds.length() == 0 ? "" : ",").append(m.host()).append(':').append(m.port());
        }
        client = DynamoClient.connect(ClientConfig.of(seeds.toString()));
        spec = CacheSpec.defaults("raw", ConflictPolicy.LAST_WRITE_WINS);
        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        CacheManager manager = provider.getCacheManager(URI.create("dynamo://" + seeds), JCacheBench.class.getClassLoader());
        cache = manager.createCache("jcache", new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));

        keys = new String[keyCount];
        rawKeys = new byte[keyCount][];
        value = new byte[valueBytes];
        new SplittableRandom(42).nextBytes(value);
        for (int i = 0; i < keyCount; i++) {
            keys[i] = "key-" + i;
            rawKeys[i] = keys[i].getBytes(StandardCharsets.UTF_8);
            client.put(spec, rawKeys[i], Context.empty(), value);
            cache.put(keys[i], value);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        provider.close();
        client.close();
        nodes.forEach(DynamoNode::close);
    }

    @Benchmark
    public Versioned<byte[]> rawGet() {
        return client.get(spec, rawKeys[ThreadLocalRandom.current().nextInt(keyCount)]);
    }

    @Benchmark
    public Context rawPut() {
        return client.put(spec, rawKeys[ThreadLocalRandom.current().nextInt(keyCount)], Context.empty(), value);
    }

    @Benchmark
    public byte[] jcacheGet() {
        return cache.get(keys[ThreadLocalRandom.current().nextInt(keyCount)]);
    }

    @Benchmark
    public void jcachePut() {
        cache.put(keys[ThreadLocalRandom.current().nextInt(keyCount)], value);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
