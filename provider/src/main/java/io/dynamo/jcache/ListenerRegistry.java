package io.dynamo.jcache;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;

/**
 * The entry listeners of one cache and their delivery. Events are those of changes made through
 * this provider in this JVM, as JSR-107 requires: nodes do not push events. Synchronous
 * listeners run in the caller's thread before the operation returns; asynchronous ones on one
 * thread per cache, so each listener sees a key's events in order.
 */
final class ListenerRegistry<K, V> {
    private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private final String cacheName;
    private volatile ExecutorService async;

    ListenerRegistry(String cacheName) {
        this.cacheName = cacheName;
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    void register(CacheEntryListenerConfiguration<K, V> config) {
        Factory<? extends CacheEntryListener<? super K, ? super V>> listenerFactory = config.getCacheEntryListenerFactory();
        if (listenerFactory == null) {
            throw new IllegalArgumentException("the listener configuration has no listener factory");
        }
        CacheEntryListener<? super K, ? super V> listener = listenerFactory.create();
        Factory<? extends CacheEntryEventFilter<? super K, ? super V>> filterFactory = config.getCacheEntryEventFilterFactory();
        CacheEntryEventFilter<? super K, ? super V> filter = filterFactory == null ? null : filterFactory.create();
        registrations.add(new Registration<>(config, listener, filter));
    }

    /** Removes the registration of {@code config}; whether there was one. */
    boolean deregister(CacheEntryListenerConfiguration<K, V> config) {
        for (Registration<K, V> r : registrations) {
            if (r.config.equals(config)) {
                registrations.remove(r);
                closeQuietly(r.listener);
                closeQuietly(r.filter);
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers the events of one operation: synchronous listeners now (their exceptions reach the
     * caller as CacheEntryListenerException), asynchronous ones queued.
     */
    void dispatch(List<DynamoEntryEvent<K, V>> events) {
        if (events.isEmpty() || registrations.isEmpty()) {
            return;
        }
        CacheEntryListenerException failure = null;
        for (Registration<K, V> r : registrations) {
            List<CacheEntryEvent<? extends K, ? extends V>> accepted = new ArrayList<>();
            for (DynamoEntryEvent<K, V> e : events) {
                if (r.wants(e)) {
                    try {
                        if (r.filter == null || r.filter.evaluate(e)) {
                            accepted.add(e);
                        }
                    } catch (RuntimeException ex) {
                        failure = failure == null ? asListenerException(ex) : failure;
                    }
                }
            }
            if (accepted.isEmpty()) {
                continue;
            }
            if (r.config.isSynchronous()) {
                try {
                    deliver(r, accepted);
                } catch (RuntimeException ex) {
                    failure = failure == null ? asListenerException(ex) : failure;
                }
            } else {
                executor().execute(() -> {
                    try {
                        deliver(r, accepted);
                    } catch (RuntimeException ignored) {
                        // An asynchronous listener's failure cannot reach the caller (JSR-107 §8.3).
                    }
                });
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void close() {
        for (Registration<K, V> r : registrations) {
            closeQuietly(r.listener);
            closeQuietly(r.filter);
        }
        registrations.clear();
        ExecutorService e = async;
        if (e != null) {
            e.shutdown();
            try {
                e.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ExecutorService executor() {
        ExecutorService e = async;
        if (e == null) {
            synchronized (this) {
                e = async;
                if (e == null) {
                    e = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "dynamo-jcache-listeners-" + cacheName);
                        t.setDaemon(true);
                        return t;
                    });
                    async = e;
                }
            }
        }
        return e;
    }

    /** Delivers runs of events of one type together, in the order they happened. */
    private static <K, V> void deliver(Registration<K, V> r, List<CacheEntryEvent<? extends K, ? extends V>> events) {
        int start = 0;
        while (start < events.size()) {
            int end = start + 1;
            while (end < events.size() && events.get(end).getEventType() == events.get(start).getEventType()) {
                end++;
            }
            deliverRun(r, events.subList(start, end));
            start = end;
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void deliverRun(Registration<K, V> r, List<CacheEntryEvent<? extends K, ? extends V>> run) {
        List<CacheEntryEvent<? extends K, ? extends V>> events = List.copyOf(run);
        switch (events.get(0).getEventType()) {
            case CREATED -> ((CacheEntryCreatedListener<K, V>) r.listener).onCreated(events);
            case UPDATED -> ((CacheEntryUpdatedListener<K, V>) r.listener).onUpdated(events);
            case REMOVED -> ((CacheEntryRemovedListener<K, V>) r.listener).onRemoved(events);
            case EXPIRED -> ((CacheEntryExpiredListener<K, V>) r.listener).onExpired(events);
        }
    }

    private static CacheEntryListenerException asListenerException(RuntimeException e) {
        return e instanceof CacheEntryListenerException cele ? cele : new CacheEntryListenerException("an entry listener failed: " + e, e);
    }

    private static void closeQuietly(Object o) {
        if (o instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a user's listener must not break the cache's own close
            }
        } else if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // as above
            }
        }
    }

    private record Registration<K, V>(CacheEntryListenerConfiguration<K, V> config, CacheEntryListener<? super K, ? super V> listener,
            CacheEntryEventFilter<? super K, ? super V> filter) {
        boolean wants(CacheEntryEvent<K, V> e) {
            return switch (e.getEventType()) {
                case CREATED -> listener instanceof CacheEntryCreatedListener;
                case UPDATED -> listener instanceof CacheEntryUpdatedListener;
                case REMOVED -> listener instanceof CacheEntryRemovedListener;
                case EXPIRED -> listener instanceof CacheEntryExpiredListener;
            };
        }
    }
}
