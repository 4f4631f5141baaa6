package io.dynamo.storage;

/**
 * When the engine forces writes to disk. Every policy survives the death of the JVM (the write
 * is in the OS before put returns); {@link #EVERY_WRITE} also survives the machine's.
 */
public enum SyncPolicy {
    /** The write-ahead log is written on every put and left to the OS to flush. */
    NONE,
    /** fsync before every put returns (RocksDB groups concurrent syncs). */
    EVERY_WRITE
}
