package io.dynamo.shop;

import io.dynamo.cart.CartStore;
import io.dynamo.jcache.DynamoCachingProvider;
import java.net.URI;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cart store, on the cluster the sessions use ({@code dynamo.session.uri}). */
@Configuration(proxyBeanMethods = false)
class ShopConfiguration {
    @Bean
    CartStore cartStore(@Value("${dynamo.session.uri:}") String uri, @Value("${web-shop.cart-cache:carts}") String cache) {
        ClassLoader loader = ShopConfiguration.class.getClassLoader();
        CachingProvider provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName(), loader);
        return CartStore.create(provider.getCacheManager(uri.isBlank() ? provider.getDefaultURI() : URI.create(uri.strip()),
                loader), cache);
    }
}
