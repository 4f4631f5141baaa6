package io.dynamo.antientropy;

import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.StorageException;
import java.util.Optional;

/** An engine whose writes fail once {@link #failWrites} is set, as a full disk's would: reads still work. */
final class FailingEngine implements StorageEngine {
    private final StorageEngine delegate;
    volatile boolean failWrites;

    FailingEngine(StorageEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<byte[]> get(int partition, byte[] key) {
        return delegate.get(partition, key);
    }

    @Override
    public void put(int partition, byte[] key, byte[] value) {
        failIfAsked();
        delegate.put(partition, key, value);
    }

    @Override
    public void remove(int partition, byte[] key) {
        failIfAsked();
        delegate.remove(partition, key);
    }

    private void failIfAsked() {
        if (failWrites) {
            throw new StorageException("disk full", new java.io.IOException("No space left on device"));
        }
    }

    @Override
    public void scan(int partition, byte[] fromKey, StorageEngine.EntryVisitor visitor) {
        delegate.scan(partition, fromKey, visitor);
    }

    @Override
    public long approximateKeyCount() {
        return delegate.approximateKeyCount();
    }

    @Override
    public StorageEngine.Keyspace hints() {
        return delegate.hints();
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
