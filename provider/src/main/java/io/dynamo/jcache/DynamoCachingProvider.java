package io.dynamo.jcache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The JCache entry point, found through {@code ServiceLoader}
 * ({@code META-INF/services/javax.cache.spi.CachingProvider}). URIs: {@code dynamo:embedded} (a
 * node inside this JVM, the default), {@code dynamo://host:port[,host:port...]} (a cluster's
 * seeds) and {@code zk://host:port[,host:port]/ROOT/CLUSTER} (a cluster's seeds and settings in
 * ZooKeeper), each optionally with settings as query parameters; see {@link ClusterTarget}. The default URI can be changed
 * without touching the application: system property {@code dynamo.uri}, else environment
 * variable {@code DYNAMO_URI}.
 */
public final class DynamoCachingProvider implements CachingProvider {
    public static final String URI_PROPERTY = "dynamo.uri";
    public static final String URI_ENVIRONMENT = "DYNAMO_URI";

    private final Map<ClassLoader, Map<URI, DynamoCacheManager>> managers = new WeakHashMap<>();

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI u = uri == null ? getDefaultURI() : uri;
        ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties p = properties == null ? new Properties() : properties;
        synchronized (managers) {
            Map<URI, DynamoCacheManager> byUri = managers.computeIfAbsent(cl, k -> new HashMap<>());
            DynamoCacheManager m = byUri.get(u);
            if (m == null || m.isClosed()) {
                m = new DynamoCacheManager(this, u, cl, p);
                byUri.put(u, m);
            }
            return m;
        }
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : DynamoCachingProvider.class.getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        String configured = System.getProperty(URI_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(URI_ENVIRONMENT);
        }
        if (configured == null || configured.isBlank()) {
            configured = ClusterTarget.EMBEDDED;
        }
        try {
            return new URI(configured.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the default cache manager URI '" + configured + "' (" + URI_PROPERTY + " / "
                    + URI_ENVIRONMENT + ") is not a URI: " + e.getMessage(), e);
        }
    }

    /**
     * The TLS files ({@code dynamo.tls-cert}, {@code dynamo.tls-key}, {@code dynamo.tls-ca}) given
     * as system properties, if any: for code that asks for the default cache manager and passes no
     * properties (the TCK does), as {@code dynamo.uri} gives its URI.
     */
    @Override
    public Properties getDefaultProperties() {
        Properties defaults = new Properties();
        for (String name : List.of(DynamoSettings.TLS_CERT, DynamoSettings.TLS_KEY, DynamoSettings.TLS_CA)) {
            String value = System.getProperty(name);
            if (value != null) {
                defaults.setProperty(name, value);
            }
        }
        return defaults;
    }

    /** {@code given} over the {@linkplain #getDefaultProperties() defaults}: a manager made with properties of its own still finds the TLS files given as system properties. */
    Properties withDefaults(Properties given) {
        Properties effective = getDefaultProperties();
        given.stringPropertyNames().forEach(name -> effective.setProperty(name, given.getProperty(name)));
        return effective;
    }

    @Override
    public void close() {
        for (DynamoCacheManager m : all(null)) {
            m.close();
        }
    }

    @Override
    public void close(ClassLoader classLoader) {
        for (DynamoCacheManager m : all(classLoader == null ? getDefaultClassLoader() : classLoader)) {
            m.close();
        }
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
        URI u = uri == null ? getDefaultURI() : uri;
        DynamoCacheManager m;
        synchronized (managers) {
            Map<URI, DynamoCacheManager> byUri = managers.get(cl);
            m = byUri == null ? null : byUri.get(u);
        }
        if (m != null) {
            m.close();
        }
    }

    /** Store-by-reference is not offered: values always travel to the cluster as bytes. */
    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        return false;
    }

    void forget(DynamoCacheManager manager) {
        synchronized (managers) {
            Map<URI, DynamoCacheManager> byUri = managers.get(manager.getClassLoader());
            if (byUri != null && byUri.get(manager.getURI()) == manager) {
                byUri.remove(manager.getURI());
                if (byUri.isEmpty()) {
                    managers.remove(manager.getClassLoader());
                }
            }
        }
    }

    private List<DynamoCacheManager> all(ClassLoader only) {
        List<DynamoCacheManager> out = new ArrayList<>();
        synchronized (managers) {
            for (Map.Entry<ClassLoader, Map<URI, DynamoCacheManager>> e : managers.entrySet()) {
                if (only == null || e.getKey() == only) {
                    out.addAll(e.getValue().values());
                }
            }
        }
        return out;
    }
}
