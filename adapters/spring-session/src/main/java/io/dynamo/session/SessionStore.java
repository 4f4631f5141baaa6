package io.dynamo.session;

import io.dynamo.jcache.DynamoCachingProvider;
import java.net.URI;
import java.time.Duration;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.springframework.context.ApplicationEventPublisher;

/** Builds a {@link DynamoSessionRepository} from the settings both configurations share: a provider URI and a cache name. */
final class SessionStore {
    private SessionStore() {
    }

    /** @param uri a Dynamo provider URI, blank for the provider's default URI */
    static DynamoSessionRepository repository(String uri, String cacheName, Duration timeout,
                                              ApplicationEventPublisher events, ClassLoader loader) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the session timeout must not be negative, got " + timeout);
        }
        CachingProvider provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName(), loader);
        CacheManager manager = provider.getCacheManager(
                uri.isBlank() ? provider.getDefaultURI() : URI.create(uri.strip()), loader);
        return DynamoSessionRepository.create(manager, cacheName, timeout, events);
    }
}
