package io.dynamo.jcache;

import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;

/**
 * The events of one operation, collected while it runs and published once it is done, so that
 * synchronous listeners hear of a change before the operation returns (JSR-107 §8).
 */
final class EntryEvents<K, V> {
    private final Cache<K, V> source;
    private final ListenerRegistry<K, V> listeners;
    private final List<DynamoEntryEvent<K, V>> events = new ArrayList<>(0);

    private EntryEvents(Cache<K, V> source, ListenerRegistry<K, V> listeners) {
        this.source = source;
        this.listeners = listeners;
    }

    /** A new batch of events for the operation about to run, whose source is {@code source}. */
    static <K, V> EntryEvents<K, V> of(Cache<K, V> source, ListenerRegistry<K, V> listeners) {
        return new EntryEvents<>(source, listeners);
    }

    /** Whether anyone listens: when nobody does, old values need not be decoded for events. */
    boolean isListenedTo() {
        return !listeners.isEmpty();
    }

    void created(K key, V value) {
        events.add(DynamoEntryEvent.created(source, key, value));
    }

    void updated(K key, V value, V oldValue) {
        events.add(DynamoEntryEvent.updated(source, key, value, oldValue));
    }

    void removed(K key, V oldValue) {
        events.add(DynamoEntryEvent.removed(source, key, oldValue));
    }

    void expired(K key, V oldValue) {
        events.add(DynamoEntryEvent.expired(source, key, oldValue));
    }

    /** The old value listeners hear of; none when nobody listens or when siblings had no single value. */
    V oldValueOf(CurrentEntry<K, V> cur) {
        return listeners.isEmpty() || cur.versions > 1 ? null : cur.value();
    }

    /** Delivers the events collected so far to the listeners (synchronous ones before this returns). */
    void publish() {
        listeners.dispatch(events);
    }
}
