package io.dynamo.client;

import io.dynamo.spi.Versioned;

/** The outcome of a compare-and-set: whether it applied, and the key's versions afterwards (or those that failed the check). */
public record CasResult(boolean applied, Versioned<byte[]> current) {
}
