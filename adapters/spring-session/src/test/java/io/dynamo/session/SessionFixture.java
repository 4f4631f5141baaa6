package io.dynamo.session;

import io.dynamo.jcache.DynamoCachingProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.springframework.context.ApplicationEventPublisher;

/** Repositories over a fresh cache of {@code dynamo:embedded}, with the events they published and a clock the test moves. */
final class SessionFixture {
    private static final AtomicInteger CACHES = new AtomicInteger();

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<Object> events = new CopyOnWriteArrayList<>();
    final String cache = "sessions-" + CACHES.incrementAndGet();
    final ApplicationEventPublisher publisher = events::add;

    static CacheManager manager(ClassLoader loader) {
        return Caching.getCachingProvider(DynamoCachingProvider.class.getName())
                .getCacheManager(URI.create("dynamo:embedded"), loader);
    }

    /** One application instance: repositories made here share the cache, as two JVMs would. */
    DynamoSessionRepository repository() {
        return repository(SessionFixture.class.getClassLoader());
    }

    DynamoSessionRepository repository(ClassLoader loader) {
        return new DynamoSessionRepository(manager(loader), cache, Duration.ofMinutes(30), publisher, clock);
    }

    <T> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
