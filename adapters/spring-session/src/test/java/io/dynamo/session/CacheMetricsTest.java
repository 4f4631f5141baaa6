package io.dynamo.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's cache metrics (actuator, Micrometer's JCacheMetrics, which finds a cache's
 * statistics by its JMX name built from the manager's URI) over the provider's default URI,
 * {@code dynamo:embedded}: Boot's own JCache set-up, named caches, statistics on.
 */
class CacheMetricsTest {
    private final ApplicationContextRunner boot = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withUserConfiguration(CachingApplication.class)
            .withPropertyValues("spring.cache.type=jcache", "spring.cache.jcache.provider=io.dynamo.jcache.DynamoCachingProvider",
                    "spring.cache.cache-names=metered-products");

    @Test
    void cacheGetsCountHitsAndMissesOfAnEmbeddedCache() {
        boot.run(context -> {
            Cache products = context.getBean(CacheManager.class).getCache("metered-products");
            assertThat(products.get("absent")).isNull();
            products.put("sku-1", "tea");
            assertThat(products.get("sku-1", String.class)).isEqualTo("tea");
            assertThat(products.get("sku-1", String.class)).isEqualTo("tea");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(gets(registry, "hit")).isEqualTo(2);
            assertThat(gets(registry, "miss")).isEqualTo(1);
            assertThat(registry.get("cache.puts").tag("cache", "metered-products").functionCounter().count()).isEqualTo(1);
        });
    }

    private static double gets(MeterRegistry registry, String result) {
        return registry.get("cache.gets").tag("cache", "metered-products").tag("result", result).functionCounter().count();
    }

    /** What an application adds: caching on, and statistics on for the caches Boot creates. */
    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingApplication {
        @Bean
        javax.cache.configuration.Configuration<Object, Object> cacheDefaults() {
            return new MutableConfiguration<>().setStatisticsEnabled(true);
        }

        /** Settings as properties, not a URI query, keep the URI a valid JMX value; a loaded test machine needs patience. */
        @Bean
        JCachePropertiesCustomizer dynamoSettings() {
            return properties -> properties.setProperty("dynamo.timeout", "10s");
        }
    }
}
