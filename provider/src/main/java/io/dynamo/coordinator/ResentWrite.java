package io.dynamo.coordinator;

import io.dynamo.version.DvvSet;
import io.dynamo.version.Sibling;
import io.dynamo.version.VersionVector;
import java.util.Arrays;
import java.util.Optional;

/**
 * A write the client re-sends to another coordinator after the first attempt's answer was lost
 * (a timeout: paper §6.4's client-driven coordination retries elsewhere). The first attempt may be
 * stored under a dot the client never learnt, and the re-sent one would become its sibling: two
 * siblings of one logical put. So the coordinator of a re-send first reads the key, and the
 * re-send's context also covers the siblings that hold exactly its bytes (or, for a delete, the
 * tombstones): those are the first attempt, or a write equal to it, which it may supersede
 * without losing anything a reader could tell apart.
 */
final class ResentWrite {
    private ResentWrite() {
    }

    /**
     * {@code context} having also seen the siblings of {@code stored} equal to {@code value}.
     * Only a dot that directly follows the context's counter of its actor is added (see
     * {@link VersionVector#seenWith}): a wider cover would supersede other clients' writes.
     */
    static VersionVector cover(VersionVector context, DvvSet stored, Optional<byte[]> value) {
        VersionVector covered = context;
        for (Sibling s : stored.siblings()) {
            boolean same = value.isPresent() ? !s.tombstone() && Arrays.equals(s.value(), value.get()) : s.tombstone();
            if (same && !covered.covers(s.dot())) {
                covered = covered.seenWith(s.dot());
            }
        }
        return covered;
    }
}
