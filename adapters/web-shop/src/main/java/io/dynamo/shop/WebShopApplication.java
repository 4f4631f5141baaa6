package io.dynamo.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example web shop: one page of products and the visitor's cart. Its HttpSession lives in Dynamo
 * through dynamo-spring-session (nothing in this module configures it: the artifact and
 * {@code dynamo.session.uri} are enough), and the cart in a {@link io.dynamo.cart.CartStore} on the
 * same cluster, under an id kept in the session.
 */
@SpringBootApplication
public class WebShopApplication {
    public static void main(String[] args) {
        SpringApplication.run(WebShopApplication.class, args);
    }
}
