package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable engine for nodes. Data lives in column family "data" under the partition-first
 * layout of {@link KeyLayout}; hints for hinted handoff (paper §4.6) in their own column family
 * "hints", so a partition scan never meets a hint and hints can be flushed and compacted apart.
 *
 * <p>Every put goes through the write-ahead log before it returns, so an acknowledged write
 * survives a crash of the process; {@link SyncPolicy#EVERY_WRITE} also fsyncs it (RocksDB groups
 * the syncs of concurrent writers). Raw: used through {@link GuardedEngine}.
 */
final class RocksDbEngine implements StorageEngine {
    private static final String DATA = "data";
    private static final String HINTS = "hints";
    private static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;
    /** Caps the WAL so a rarely written column family (hints) cannot pin old log files forever. */
    private static final long MAX_TOTAL_WAL_BYTES = 256L * 1024 * 1024;

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    // Native handles, released in reverse order of creation by close().
    private final LRUCache blockCache;
    private final BloomFilter bloomFilter;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions columnOptions;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final ColumnFamilyHandle defaultFamily;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle hintFamily;
    private final Keyspace hints = new HintKeyspace();

    private RocksDbEngine(Path directory, EngineOptions options) {
        this.directory = directory;
        List<AutoCloseable> created = new ArrayList<>();
        try {
            blockCache = track(created, new LRUCache(BLOCK_CACHE_BYTES));
            bloomFilter = track(created, new BloomFilter(10));
            dbOptions = track(created, dbOptions());
            columnOptions = track(created, columnOptions(blockCache, bloomFilter));
            writeOptions = track(created, new WriteOptions().setSync(options.sync() == SyncPolicy.EVERY_WRITE));
            List<ColumnFamilyDescriptor> families = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions),
                    new ColumnFamilyDescriptor(DATA.getBytes(StandardCharsets.US_ASCII), columnOptions),
                    new ColumnFamilyDescriptor(HINTS.getBytes(StandardCharsets.US_ASCII), columnOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            db = RocksDB.open(dbOptions, directory.toString(), families, handles);
            defaultFamily = handles.get(0);
            data = handles.get(1);
            hintFamily = handles.get(2);
        } catch (RocksDBException e) {
            closeAll(created);
            throw openFailure(directory, e);
        } catch (RuntimeException | Error e) {
            closeAll(created);
            throw e;
        }
    }

    static RocksDbEngine open(Path directory, EngineOptions options) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new StorageException("cannot create RocksDB directory " + absolute + ": " + e.getMessage(), e);
        }
        return new RocksDbEngine(absolute, options);
    }

    Path directory() {
        return directory;
    }

    @Override
    public Optional<byte[]> get(int partition, byte[] key) {
        try {
            return Optional.ofNullable(db.get(data, KeyLayout.encode(partition, key)));
        } catch (RocksDBException e) {
            throw failure("get", e);
        }
    }

    @Override
    public void put(int partition, byte[] key, byte[] value) {
        try {
            db.put(data, writeOptions, KeyLayout.encode(partition, key), value);
        } catch (RocksDBException e) {
            throw failure("put", e);
        }
    }

    /** One multiGet: the lookups of a batch cross into RocksDB once. */
    @Override
    public List<Optional<byte[]>> getAll(List<Key> keys) {
        if (keys.size() <= 1) { // RocksJava wants a key; and for one, a plain get crosses into RocksDB with less
            return keys.isEmpty() ? List.of() : List.of(get(keys.get(0).partition(), keys.get(0).key()));
        }
        List<byte[]> stored = new ArrayList<>(keys.size());
        for (Key k : keys) {
            stored.add(KeyLayout.encode(k.partition(), k.key()));
        }
        try {
            List<byte[]> values = db.multiGetAsList(Collections.nCopies(stored.size(), data), stored);
            List<Optional<byte[]>> out = new ArrayList<>(values.size());
            for (byte[] v : values) {
                out.add(Optional.ofNullable(v));
            }
            return out;
        } catch (RocksDBException e) {
            throw failure("multiGet", e);
        }
    }

    /** One WriteBatch: atomic, one WAL append, and under {@link SyncPolicy#EVERY_WRITE} one fsync for all. */
    @Override
    public void write(List<Update> updates) {
        if (updates.size() <= 1) { // one update: a plain put or delete, without a native batch to build and free
            if (!updates.isEmpty()) {
                Update u = updates.get(0);
                u.value().ifPresentOrElse(v -> put(u.key().partition(), u.key().key(), v), () -> remove(u.key().partition(), u.key().key()));
            }
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (Update u : updates) {
                byte[] stored = KeyLayout.encode(u.key().partition(), u.key().key());
                if (u.value().isPresent()) {
                    batch.put(data, stored, u.value().get());
                } else {
                    batch.delete(data, stored);
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    @Override
    public void remove(int partition, byte[] key) {
        try {
            db.delete(data, writeOptions, KeyLayout.encode(partition, key));
        } catch (RocksDBException e) {
            throw failure("remove", e);
        }
    }

    @Override
    public void scan(int partition, byte[] fromKey, EntryVisitor visitor) {
        // Bounds keep the iterator inside the partition: it stops at the next partition's prefix
        // instead of stepping over its keys (or over tombstones) to find out it went too far.
        try (Slice lower = new Slice(KeyLayout.partitionStart(partition));
                Slice upper = new Slice(KeyLayout.partitionEnd(partition));
                ReadOptions read = bulkRead().setIterateLowerBound(lower).setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(data, read)) {
            for (it.seek(KeyLayout.encode(partition, fromKey)); it.isValid(); it.next()) {
                if (!visitor.visit(KeyLayout.userKey(it.key()), it.value())) {
                    return;
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure("scan", e);
        }
    }

    @Override
    public long approximateKeyCount() {
        try {
            return db.getLongProperty(data, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("count", e);
        }
    }

    @Override
    public Keyspace hints() {
        return hints;
    }

    /** Syncs the WAL, then writes the memtables out to table files and waits for that. */
    @Override
    public void flush() {
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            db.flushWal(true);
            db.flush(wait, List.of(data, hintFamily));
        } catch (RocksDBException e) {
            throw failure("flush", e);
        }
    }

    /**
     * Flushes, then releases the native handles in the order RocksJava requires: column family
     * handles before the database, the database before the options, caches and filters it uses.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            flush();
        } catch (RuntimeException e) {
            failure = e;
        }
        hintFamily.close();
        data.close();
        defaultFamily.close();
        try {
            db.closeE();
        } catch (RocksDBException e) {
            failure = failure == null ? failure("close", e) : failure;
        }
        writeOptions.close();
        columnOptions.close();
        dbOptions.close();
        bloomFilter.close();
        blockCache.close();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "RocksDB engine in " + directory;
    }

    private static DBOptions dbOptions() {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // A node shares two cores with the network and the coordinator.
                .setIncreaseParallelism(2)
                .setMaxBackgroundJobs(2)
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                // No statistics object is attached; also switch off the periodic stats dumps.
                .setStatsDumpPeriodSec(0)
                .setStatsPersistPeriodSec(0)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(5);
    }

    /** Small values, mostly point lookups: a whole-key bloom filter and a hash index in data blocks. */
    private static ColumnFamilyOptions columnOptions(LRUCache cache, BloomFilter filter) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(filter)
                .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash);
        return new ColumnFamilyOptions().setTableFormatConfig(table);
    }

    /** Scans walk whole partitions (handoff, anti-entropy): keep them out of the block cache. */
    private static ReadOptions bulkRead() {
        return new ReadOptions().setFillCache(false);
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> created, T resource) {
        created.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).close();
            } catch (Exception ignored) {
                // Releasing after a failed open: the open failure is what the caller needs.
            }
        }
    }

    private static StorageException openFailure(Path directory, RocksDBException e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.contains("LOCK")) {
            return new StorageException("cannot open RocksDB engine: directory " + directory
                    + " is already in use by another open engine or process (" + reason + ")", e);
        }
        return new StorageException("cannot open RocksDB engine in " + directory + ": " + reason, e);
    }

    private StorageException failure(String operation, RocksDBException e) {
        return new StorageException("RocksDB " + operation + " failed in " + directory + ": " + e.getMessage(), e);
    }

    private final class HintKeyspace implements Keyspace {
        @Override
        public Optional<byte[]> get(byte[] key) {
            try {
                return Optional.ofNullable(db.get(hintFamily, key));
            } catch (RocksDBException e) {
                throw failure("hint get", e);
            }
        }

        @Override
        public void put(byte[] key, byte[] value) {
            try {
                db.put(hintFamily, writeOptions, key, value);
            } catch (RocksDBException e) {
                throw failure("hint put", e);
            }
        }

        @Override
        public void remove(byte[] key) {
            try {
                db.delete(hintFamily, writeOptions, key);
            } catch (RocksDBException e) {
                throw failure("hint remove", e);
            }
        }

        @Override
        public void scan(byte[] prefix, EntryVisitor visitor) {
            // Hints are written then deleted on delivery: an upper bound stops the iterator at the
            // prefix's end rather than walking the tombstones that follow it.
            Optional<byte[]> end = KeyLayout.prefixEnd(prefix);
            try (Slice upper = end.map(Slice::new).orElse(null);
                    ReadOptions read = upper == null ? bulkRead() : bulkRead().setIterateUpperBound(upper);
                    RocksIterator it = db.newIterator(hintFamily, read)) {
                for (it.seek(prefix); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (!KeyLayout.startsWith(key, prefix) || !visitor.visit(key, it.value())) {
                        return;
                    }
                }
                it.status();
            } catch (RocksDBException e) {
                throw failure("hint scan", e);
            }
        }
    }
}
