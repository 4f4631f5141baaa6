package io.dynamo.example.light;

import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * An application that knows only {@code javax.cache}: it writes, reads, conditionally replaces
 * and removes one entry through whatever cache manager URI it is given ({@code dynamo:embedded},
 * {@code dynamo://...}), and says so on one line. Its module's test runs it on exactly the class
 * path that the one dependency {@code dynamo-provider} brings.
 */
public final class LightClientApp {
    private LightClientApp() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: LightClientApp CACHE-MANAGER-URI");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        CachingProvider provider = Caching.getCachingProvider();
        try (CacheManager manager = provider.getCacheManager(uri, LightClientApp.class.getClassLoader())) {
            Cache<String, String> cache = manager.createCache("light-" + ProcessHandle.current().pid(),
                    new MutableConfiguration<String, String>().setTypes(String.class, String.class));
            cache.put("greeting", "hello");
            expect("hello", cache.get("greeting"));
            expect(true, cache.replace("greeting", "hello", "hi"));
            expect("hi", cache.get("greeting"));
            expect(true, cache.remove("greeting"));
            expect(null, cache.get("greeting"));
        } finally {
            provider.close();
        }
        System.out.println("light client ok: " + uri);
    }

    private static void expect(Object wanted, Object got) {
        if (wanted == null ? got != null : !wanted.equals(got)) {
            throw new IllegalStateException("expected " + wanted + " but the cache gave " + got);
        }
    }
}
