package io.dynamo.jcache;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.JMException;
import javax.management.JMRuntimeException;

/**
 * Registers a cache's beans in the platform MBean server under the names JSR-107 fixes:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}.
 */
final class Management {
    static final String CONFIGURATION = "CacheConfiguration";
    static final String STATISTICS = "CacheStatistics";

    private Management() {
    }

    static void register(Object bean, String type, String managerUri, String cacheName) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(type, managerUri, cacheName);
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

    /**
     * ObjectName values may not hold ':', '=', ',' or newlines (replaced by '.', as the TCK expects),
     * nor the pattern characters '?' and '*' (a URI's query: replaced by '_').
     */
    private static String safe(String s) {
        return s == null ? "" : s.replaceAll(",|:|=|\n", ".").replaceAll("[?*]", "_");
    }
}
