package io.dynamo.jcache;

import javax.cache.Cache;

/**
 * What the operations of one cache share: the store, reading and writing over it, the
 * compare-and-set retry, read-/write-through, listeners and statistics. Built once by
 * {@link DynamoJCache}, which is the events' source.
 */
record CacheParts<K, V>(Cache<K, V> source, EntryStore<K, V> store, EntryReader<K, V> reader, EntryWriter<K, V> writer,
        CompareAndSetLoop<K, V> loop, ReadWriteThrough<K, V> through, ListenerRegistry<K, V> listeners, StatisticsRecorder stats) {

    /** A new batch for the events of one operation. */
    EntryEvents<K, V> events() {
        return EntryEvents.of(source, listeners);
    }
}
