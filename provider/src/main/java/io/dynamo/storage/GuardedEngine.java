package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Wraps a raw engine with what every engine must do alike: argument checks and limits
 * ({@link EntryLimits}) and the open/closed lifecycle. Raw engines stay plain stores.
 *
 * <p>Every call holds the read side of a lock and {@link #close()} takes the write side, so the
 * raw engine is never released under a running call: for RocksDB a call on freed native handles
 * would crash the JVM instead of throwing.
 */
final class GuardedEngine implements StorageEngine {
    private final StorageEngine raw;
    private final String description;
    private final EntryLimits limits;
    private final Keyspace hints;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Lock calls = lifecycle.readLock();
    private volatile boolean closed;

    GuardedEngine(StorageEngine raw, EngineOptions options, String description) {
        this.raw = raw;
        this.description = description;
        this.limits = new EntryLimits(options);
        this.hints = new GuardedKeyspace(raw.hints());
    }

    @Override
    public Optional<byte[]> get(int partition, byte[] key) {
        EntryLimits.partition(partition);
        EntryLimits.lookupKey(key);
        enter();
        try {
            return raw.get(partition, key);
        } finally {
            calls.unlock();
        }
    }

    @Override
    public void put(int partition, byte[] key, byte[] value) {
        EntryLimits.partition(partition);
        limits.checkWrite(key, value);
        enter();
        try {
            raw.put(partition, key, value);
        } finally {
            calls.unlock();
        }
    }

    @Override
    public List<Optional<byte[]>> getAll(List<Key> keys) {
        for (Key k : keys) {
            EntryLimits.partition(k.partition());
            EntryLimits.lookupKey(k.key());
        }
        enter();
        try {
            return raw.getAll(keys);
        } finally {
            calls.unlock();
        }
    }

    /** Checks every update before the first reaches the engine: one over the limits writes none. */
    @Override
    public void write(List<Update> updates) {
        for (Update u : updates) {
            EntryLimits.partition(u.key().partition());
            if (u.value().isPresent()) {
                limits.checkWrite(u.key().key(), u.value().get());
            } else {
                EntryLimits.lookupKey(u.key().key());
            }
        }
        enter();
        try {
            raw.write(updates);
        } finally {
            calls.unlock();
        }
    }

    @Override
    public void remove(int partition, byte[] key) {
        EntryLimits.partition(partition);
        EntryLimits.lookupKey(key);
        enter();
        try {
            raw.remove(partition, key);
        } finally {
            calls.unlock();
        }
    }

    @Override
    public void scan(int partition, byte[] fromKey, EntryVisitor visitor) {
        EntryLimits.partition(partition);
        Objects.requireNonNull(fromKey, "fromKey");
        Objects.requireNonNull(visitor, "visitor");
        enter();
        try {
            raw.scan(partition, fromKey, visitor);
        } finally {
            calls.unlock();
        }
    }

    @Override
    public long approximateKeyCount() {
        enter();
        try {
            return raw.approximateKeyCount();
        } finally {
            calls.unlock();
        }
    }

    @Override
    public Keyspace hints() {
        return hints;
    }

    @Override
    public void flush() {
        enter();
        try {
            raw.flush();
        } finally {
            calls.unlock();
        }
    }

    /** Waits for running calls, then flushes and releases the raw engine. Closing twice is a no-op. */
    @Override
    public void close() {
        if (lifecycle.getReadHoldCount() > 0) {
            // A scan visitor closing its own engine would wait for itself forever.
            throw new IllegalStateException("cannot close " + description + " from inside one of its calls");
        }
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            raw.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private void enter() {
        calls.lock();
        if (closed) {
            calls.unlock();
            throw new IllegalStateException(description + " is closed");
        }
    }

    private final class GuardedKeyspace implements Keyspace {
        private final Keyspace rawHints;

        GuardedKeyspace(Keyspace rawHints) {
            this.rawHints = rawHints;
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            EntryLimits.lookupKey(key);
            enter();
            try {
                return rawHints.get(key);
            } finally {
                calls.unlock();
            }
        }

        @Override
        public void put(byte[] key, byte[] value) {
            limits.checkWrite(key, value);
            enter();
            try {
                rawHints.put(key, value);
            } finally {
                calls.unlock();
            }
        }

        @Override
        public void remove(byte[] key) {
            EntryLimits.lookupKey(key);
            enter();
            try {
                rawHints.remove(key);
            } finally {
                calls.unlock();
            }
        }

        @Override
        public void scan(byte[] prefix, EntryVisitor visitor) {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(visitor, "visitor");
            enter();
            try {
                rawHints.scan(prefix, visitor);
            } finally {
                calls.unlock();
            }
        }
    }
}
