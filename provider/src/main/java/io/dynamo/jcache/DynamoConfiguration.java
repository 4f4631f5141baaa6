package io.dynamo.jcache;

import io.dynamo.spi.ConflictResolver;
import io.dynamo.spi.ValueCodec;
import io.dynamo.version.ConflictPolicy;
import java.util.Optional;
import java.util.OptionalInt;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A JCache configuration with the store's own settings per cache: replicas N, quorums R and W
 * (paper §4.5), what to do with concurrent writes, and the codecs turning keys and values into
 * bytes. Anything left unset comes from the cache manager ({@link DynamoSettings}); a plain
 * {@link MutableConfiguration} gets last-write-wins and Java serialization.
 */
public class DynamoConfiguration<K, V> extends MutableConfiguration<K, V> {
    private static final long serialVersionUID = 1L;

    private int replicas;
    private int readQuorum;
    private int writeQuorum;
    private ConflictPolicy conflictPolicy;
    private transient ConflictResolver<V> resolver;
    private transient ValueCodec<K> keyCodec;
    private transient ValueCodec<V> valueCodec;

    public DynamoConfiguration() {
    }

    /** A copy of {@code configuration}, with its store settings when it is a DynamoConfiguration. */
    public DynamoConfiguration(CompleteConfiguration<K, V> configuration) {
        super(configuration);
        if (configuration instanceof DynamoConfiguration<K, V> other) {
            this.replicas = other.replicas;
            this.readQuorum = other.readQuorum;
            this.writeQuorum = other.writeQuorum;
            this.conflictPolicy = other.conflictPolicy;
            this.resolver = other.resolver;
            this.keyCodec = other.keyCodec;
            this.valueCodec = other.valueCodec;
        }
    }

    public DynamoConfiguration<K, V> setReplicas(int n) {
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("replicas (N) must be between 1 and 16, got " + n);
        }
        this.replicas = n;
        return this;
    }

    public DynamoConfiguration<K, V> setReadQuorum(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("read quorum (R) must be at least 1, got " + r);
        }
        this.readQuorum = r;
        return this;
    }

    public DynamoConfiguration<K, V> setWriteQuorum(int w) {
        if (w < 1) {
            throw new IllegalArgumentException("write quorum (W) must be at least 1, got " + w);
        }
        this.writeQuorum = w;
        return this;
    }

    /** Last-write-wins or siblings; for merge, use {@link #setConflictResolver}. */
    public DynamoConfiguration<K, V> setConflictPolicy(ConflictPolicy policy) {
        if (policy == null) {
            throw new NullPointerException("conflict policy");
        }
        if (policy == ConflictPolicy.MERGE && resolver == null) {
            throw new IllegalArgumentException("the merge policy needs a ConflictResolver: use setConflictResolver");
        }
        this.conflictPolicy = policy;
        return this;
    }

    /** Selects the merge policy: siblings are merged by {@code resolver} on read and the merge written back. */
    public DynamoConfiguration<K, V> setConflictResolver(ConflictResolver<V> resolver) {
        if (resolver == null) {
            throw new NullPointerException("conflict resolver");
        }
        this.resolver = resolver;
        this.conflictPolicy = ConflictPolicy.MERGE;
        return this;
    }

    public DynamoConfiguration<K, V> setKeyCodec(ValueCodec<K> codec) {
        if (codec == null) {
            throw new NullPointerException("key codec");
        }
        this.keyCodec = codec;
        return this;
    }

    public DynamoConfiguration<K, V> setValueCodec(ValueCodec<V> codec) {
        if (codec == null) {
            throw new NullPointerException("value codec");
        }
        this.valueCodec = codec;
        return this;
    }

    public OptionalInt getReplicas() {
        return replicas == 0 ? OptionalInt.empty() : OptionalInt.of(replicas);
    }

    public OptionalInt getReadQuorum() {
        return readQuorum == 0 ? OptionalInt.empty() : OptionalInt.of(readQuorum);
    }

    public OptionalInt getWriteQuorum() {
        return writeQuorum == 0 ? OptionalInt.empty() : OptionalInt.of(writeQuorum);
    }

    public Optional<ConflictPolicy> getConflictPolicy() {
        return Optional.ofNullable(conflictPolicy);
    }

    public Optional<ConflictResolver<V>> getConflictResolver() {
        return Optional.ofNullable(resolver);
    }

    public Optional<ValueCodec<K>> getKeyCodec() {
        return Optional.ofNullable(keyCodec);
    }

    public Optional<ValueCodec<V>> getValueCodec() {
        return Optional.ofNullable(valueCodec);
    }
}
