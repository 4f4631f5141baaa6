package io.dynamo.jcache;

import javax.cache.configuration.MutableConfiguration;

/**
 * A cache's two management beans, its configuration and its statistics (JSR-107 §12),
 * registered in the platform MBean server while enabled, and their switches in the configuration.
 */
final class ManagementBeans {
    private final MutableConfiguration<?, ?> config;
    private final DynamoCacheMXBean configuration;
    private final DynamoStatistics statistics;
    private final String managerUri;
    private final String cacheName;

    ManagementBeans(MutableConfiguration<?, ?> config, DynamoStatistics statistics, String managerUri, String cacheName) {
        this.config = config;
        this.configuration = new DynamoCacheMXBean(config);
        this.statistics = statistics;
        this.managerUri = managerUri;
        this.cacheName = cacheName;
    }

    void setStatistics(boolean enabled) {
        config.setStatisticsEnabled(enabled);
        if (enabled) {
            Management.register(statistics, Management.STATISTICS, managerUri, cacheName);
        } else {
            Management.unregister(Management.STATISTICS, managerUri, cacheName);
        }
    }

    void setManagement(boolean enabled) {
        config.setManagementEnabled(enabled);
        if (enabled) {
            Management.register(configuration, Management.CONFIGURATION, managerUri, cacheName);
        } else {
            Management.unregister(Management.CONFIGURATION, managerUri, cacheName);
        }
    }

    /** On close: the beans go, the configuration's switches stay as they were. */
    void unregister() {
        Management.unregister(Management.CONFIGURATION, managerUri, cacheName);
        Management.unregister(Management.STATISTICS, managerUri, cacheName);
    }
}
