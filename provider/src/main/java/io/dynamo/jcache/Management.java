package io.dynamo.jcache;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a cache's beans in the platform MBean server under the names JSR-107 fixes:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}.
 *
 * <p>The TCK builds that name with ':', '=', ',' and newlines of the URI replaced by '.', as this
 * class does; Micrometer's {@code JCacheMetrics} (Spring Boot's cache metrics) replaces only ':'
 * and does not quote. Both find the same bean exactly when the URI holds none of
 * {@code , = ? *} (a comma or '=' makes Micrometer's name malformed, '?' or '*' a pattern), which
 * is why every URI form has such a spelling: seeds separated by ';', settings as properties.
 * No registration could serve the other spellings, so a cache of such a manager gets a warning.
 */
final class Management {
    static final String CONFIGURATION = "CacheConfiguration";
    static final String STATISTICS = "CacheStatistics";
    private static final Logger log = LoggerFactory.getLogger(Management.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Management() {
    }

    static void register(Object bean, String type, String managerUri, String cacheName) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(type, managerUri, cacheName);
        if (type.equals(STATISTICS) && !metricsFind(managerUri) && WARNED.add(managerUri)) {
            log.warn("cache manager URI {} holds ',', '=', '?' or '*', which JMX names cannot: Micrometer's JCacheMetrics (Spring Boot's"
                    + " cache metrics) will not find the statistics of its caches. Separate seeds with ';' and give settings as"
                    + " properties (dynamo.replicas, ...) instead of a query, e.g. dynamo://127.0.0.1:7001;127.0.0.1:7002", managerUri);
        }
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean, name);
            }
        } catch (JMException | JMRuntimeException e) {
            throw new CacheException("cannot register " + name + ": " + e.getMessage(), e);
        }
    }

    static void unregister(String type, String managerUri, String cacheName) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(type, managerUri, cacheName);
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException ignored) {
            // unregistered concurrently: what we wanted
        } catch (MBeanRegistrationException e) {
            throw new CacheException("cannot unregister " + name + ": " + e.getMessage(), e);
        }
    }

    static ObjectName name(String type, String managerUri, String cacheName) {
        try {
            return new ObjectName("javax.cache:type=" + type + ",CacheManager=" + safe(managerUri) + ",Cache=" + safe(cacheName));
        } catch (MalformedObjectNameException e) {
            throw new CacheException("bad management name for cache " + cacheName + ": " + e.getMessage(), e);
        }
    }

    /** Whether Micrometer's JCacheMetrics, which only replaces ':' by '.', computes the name this class registers. */
    static boolean metricsFind(String managerUri) {
        return managerUri.replace(':', '.').equals(safe(managerUri));
    }

    /**
     * ObjectName values may not hold ':', '=', ',' or newlines (replaced by '.', as the TCK expects),
     * nor the pattern characters '?' and '*' (a URI's query: replaced by '_').
     */
    private static String safe(String s) {
        return s == null ? "" : s.replaceAll(",|:|=|\n", ".").replaceAll("[?*]", "_");
    }
}
