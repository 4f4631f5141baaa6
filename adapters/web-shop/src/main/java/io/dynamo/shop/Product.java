package io.dynamo.shop;

/** A product of the catalog; {@code priceCents} in euro cents. */
record Product(String sku, String name, int priceCents) {
}
