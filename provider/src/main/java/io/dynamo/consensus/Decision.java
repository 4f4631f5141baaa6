package io.dynamo.consensus;

import io.dynamo.version.DvvSet;

/** How a round ended: whether the client's write applied (now or in an earlier attempt of the same request), and the key's state. */
public record Decision(boolean applied, DvvSet state) {
}
