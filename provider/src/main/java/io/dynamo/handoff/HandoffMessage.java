package io.dynamo.handoff;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import io.dynamo.version.ConflictPolicy;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hinted handoff (paper §4.6): hinted writes to fallbacks, and the hints a node holds.
 * Each record writes its own body and reads it back ({@code read}), side by side; {@link #FAMILY}
 * lists the wire types for the node's routing table and the codecs.
 */
public sealed interface HandoffMessage extends Message permits HandoffMessage.HintedWrite, HandoffMessage.HintsRequest, HandoffMessage.HintsResult {
    int HINTED_WRITE = 42;
    int HINTS = 43;
    int HINTS_RESULT = 92;

    MessageFamily FAMILY = MessageFamily.of("handoff", Role.NODES,
            MessageFamily.type(HINTED_WRITE, HintedWrite.class, HintedWrite::read),
            MessageFamily.type(HINTS, HintsRequest.class, HintsRequest::read).servedTo(Role.OPERATORS),
            MessageFamily.type(HINTS_RESULT, HintsResult.class, HintsResult::read));

    /**
     * Coordinator to a fallback node (sloppy quorum, paper §4.6): keep this state of a key for
     * {@code owner}, a primary that is down, and hand it over once the owner is back.
     */
    record HintedWrite(String owner, String cache, int partition, byte[] key, ConflictPolicy policy, byte[] state) implements HandoffMessage {
        public int type() {
            return HINTED_WRITE;
        }

        public int sizeHint() {
            return 32 + owner.length() + cache.length() + key.length + state.length;
        }

        public void write(WireWriter out) {
            out.string(owner).string(cache).varint(partition).bytes(key).byte_(policy.ordinal()).bytes(state);
        }

        static HintedWrite read(WireReader in) {
            return new HintedWrite(in.string(), in.string(), in.varintInt(65535), in.bytes(),
                    in.ordinal(ConflictPolicy.ALL, "conflict policy"), in.bytes());
        }
    }

    /** Anyone to a node: how many hints it holds, per intended owner. */
    record HintsRequest() implements HandoffMessage {
        public int type() {
            return HINTS;
        }

        public void write(WireWriter out) {}

        static HintsRequest read(WireReader in) {
            return new HintsRequest();
        }
    }

    /** Pending hints per intended owner, by owner id. */
    record HintsResult(Map<String, Long> pending) implements HandoffMessage {
        public int type() {
            return HINTS_RESULT;
        }

        public int sizeHint() {
            return 8 + pending.size() * 24;
        }

        public void write(WireWriter out) {
            out.varint(pending.size());
            pending.forEach((owner, count) -> out.string(owner).varint(count));
        }

        static HintsResult read(WireReader in) {
            int count = in.count(2); // owner, count
            Map<String, Long> pending = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                pending.put(in.string(), in.varint());
            }
            return new HintsResult(pending);
        }
    }
}
