package io.dynamo.spi;

/**
 * Turns application values into the bytes the store keeps, on the client side only: nodes never
 * decode values.
 */
public interface ValueCodec<V> {
    byte[] encode(V value);

    V decode(byte[] bytes);
}
