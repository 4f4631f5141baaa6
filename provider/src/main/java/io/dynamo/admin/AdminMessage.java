package io.dynamo.admin;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;

/**
 * Admin to a node: its status.
 * Each record writes its own body and reads it back ({@code read}), side by side; {@link #FAMILY}
 * lists the wire types for the node's routing table and the codecs.
 */
public sealed interface AdminMessage extends Message permits AdminMessage.StatusRequest, AdminMessage.StatusResult {
    int STATUS = 22;
    int STATUS_RESULT = 69;

    MessageFamily FAMILY = MessageFamily.of("admin", Role.OPERATORS,
            MessageFamily.type(STATUS, StatusRequest.class, StatusRequest::read),
            MessageFamily.type(STATUS_RESULT, StatusResult.class, StatusResult::read));

    /** Anyone to a node: its status. */
    record StatusRequest() implements AdminMessage {
        public int type() {
            return STATUS;
        }

        public void write(WireWriter out) {}

        static StatusRequest read(WireReader in) {
            return new StatusRequest();
        }
    }

    record StatusResult(String nodeId, long epoch, long keys, int partitionsOwned, long uptimeMillis) implements AdminMessage {
        public int type() {
            return STATUS_RESULT;
        }

        public void write(WireWriter out) {
            out.string(nodeId).varint(epoch).varint(keys).varint(partitionsOwned).varint(uptimeMillis);
        }

        static StatusResult read(WireReader in) {
            return new StatusResult(in.string(), in.varint(), in.varint(), in.varintInt(65536), in.varint());
        }
    }
}
