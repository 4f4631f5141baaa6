package io.dynamo.demo;

import io.dynamo.cart.CartStore;
import io.dynamo.jcache.DynamoCachingProvider;
import io.dynamo.security.TlsFiles;
import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The demo's applications: {@link CartStore}s over JCache cache managers of the provider, as an
 * application would open them ({@code dynamo://} seeds and the provider's properties).
 */
final class CartClients implements AutoCloseable {
    static final String CACHE = "carts";

    private final CachingProvider provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
    private final Optional<TlsFiles> tls;

    CartClients(Optional<TlsFiles> tls) {
        this.tls = tls;
    }

    /** A store through {@code seeds}, with these quorums, its connections leaving from {@code localAddress} when given. */
    CartStore store(String seeds, int readQuorum, int writeQuorum, Optional<String> localAddress) {
        Properties p = new Properties();
        p.setProperty("dynamo.timeout", "1s");
        tls.ifPresent(f -> {
            p.setProperty("dynamo.tls-cert", f.cert().toString());
            p.setProperty("dynamo.tls-key", f.key().toString());
            p.setProperty("dynamo.tls-ca", f.ca().toString());
        });
        // In the URI, not the properties: a manager is one per URI, and a store leaving from another address needs its own.
        String query = "?read-quorum=" + readQuorum + "&write-quorum=" + writeQuorum + localAddress.map(a -> "&local-address=" + a).orElse("");
        return CartStore.create(provider.getCacheManager(URI.create("dynamo://" + seeds + query), getClass().getClassLoader(), p), CACHE);
    }

    @Override
    public void close() {
        provider.close();
    }
}
