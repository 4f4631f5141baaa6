package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The statistics bean's name, as the TCK computes it and as Micrometer's JCacheMetrics (Spring Boot's cache metrics) does. */
class ManagementTest {
    @Test
    void micrometersNameFindsTheStatisticsOfEveryUriFormSpelledWithoutCommasOrAQuery() throws Exception {
        for (String uri : new String[] {"dynamo:embedded", "dynamo://127.0.0.1:7001;127.0.0.2:7002;127.0.0.3:7003",
                "zk://127.0.0.1:2181/dynamo/shop", "zk://127.0.0.1:2181;127.0.0.2:2181/dynamo/shop"}) {
            assertThat(Management.metricsFind(uri)).as(uri).isTrue();
            Management.register(new DynamoStatistics(), Management.STATISTICS, uri, "carts");
            try {
                // JCacheMetrics: the URI with ':' replaced by '.', nothing quoted.
                ObjectName micrometer = new ObjectName("javax.cache:type=CacheStatistics,CacheManager=" + uri.replace(':', '.') + ",Cache=carts");
                assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(micrometer, "CacheHits")).as(uri).isEqualTo(0L);
            } finally {
                Management.unregister(Management.STATISTICS, uri, "carts");
            }
        }
    }

    @Test
    void commasAndQueriesAreSpellingsMicrometerCannotNameAndTheTckStillCan() {
        for (String uri : new String[] {"dynamo://127.0.0.1:7001,127.0.0.2:7002", "dynamo:embedded?replicas=1",
                "zk://127.0.0.1:2181,127.0.0.2:2181/dynamo/shop"}) {
            assertThat(Management.metricsFind(uri)).as(uri).isFalse();
        }
        // The TCK's own sanitizing (':', '=', ',' and newlines to '.') gives what is registered for a comma-separated list.
        assertThat(Management.name(Management.STATISTICS, "dynamo://127.0.0.1:7001,127.0.0.2:7002", "carts").toString())
                .isEqualTo("javax.cache:type=CacheStatistics,CacheManager=dynamo.//127.0.0.1.7001.127.0.0.2.7002,Cache=carts");
    }
}
