package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Records the writes that reach the engine (single puts and removes, and batches by their size),
 * and on demand fails them as a full disk would, or holds a batch until released.
 */
public final class RecordingEngine implements StorageEngine {
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    /** Set: every write fails as on a full disk; reads still work. */
    public volatile boolean failWrites;
    /** When set, a batch write waits for it, having told {@link #batchWaiting}. */
    volatile CountDownLatch gate;
    final CountDownLatch batchWaiting = new CountDownLatch(1);
    private final StorageEngine delegate;

    public RecordingEngine(StorageEngine delegate) {
        this.delegate = delegate;
    }

    /** The sizes of the batch writes so far, in order. */
    public List<Integer> batchSizes() {
        return List.copyOf(batches);
    }

    /** The single puts and removes so far. */
    public List<String> singleWrites() {
        return List.copyOf(writes);
    }

    @Override
    public Optional<byte[]> get(int partition, byte[] key) {
        return delegate.get(partition, key);
    }

    @Override
    public List<Optional<byte[]>> getAll(List<Key> keys) {
        return delegate.getAll(keys);
    }

    @Override
    public void put(int partition, byte[] key, byte[] value) {
        failIfAsked();
        writes.add("put " + partition + " " + java.util.Arrays.toString(value));
        delegate.put(partition, key, value);
    }

    @Override
    public void remove(int partition, byte[] key) {
        failIfAsked();
        writes.add("remove " + partition);
        delegate.remove(partition, key);
    }

    @Override
    public void write(List<Update> updates) {
        CountDownLatch waitFor = gate;
        if (waitFor != null) {
            batchWaiting.countDown();
            StorageEngineContractTest.await(waitFor);
        }
        failIfAsked();
        batches.add(updates.size());
        delegate.write(updates);
    }

    private void failIfAsked() {
        if (failWrites) {
            throw new StorageException("disk full", new java.io.IOException("No space left on device"));
        }
    }

    @Override
    public void scan(int partition, byte[] fromKey, EntryVisitor visitor) {
        delegate.scan(partition, fromKey, visitor);
    }

    @Override
    public long approximateKeyCount() {
        return delegate.approximateKeyCount();
    }

    @Override
    public Keyspace hints() {
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
