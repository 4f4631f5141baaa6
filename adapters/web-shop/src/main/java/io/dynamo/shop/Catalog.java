package io.dynamo.shop;

import java.util.List;
import java.util.Optional;

/** The shop's products: a fixed list, enough to fill a cart. */
final class Catalog {
    static final List<Product> PRODUCTS = List.of(
            new Product("dynamo-paper", "Dynamo paper, printed", 900),
            new Product("vector-clock", "Vector clock (wall model)", 4_500),
            new Product("merkle-tree", "Merkle tree seedling", 1_250),
            new Product("gossip-mug", "Gossip protocol mug", 1_400));

    private Catalog() {
    }

    static Optional<Product> find(String sku) {
        return PRODUCTS.stream().filter(p -> p.sku().equals(sku)).findFirst();
    }
}
