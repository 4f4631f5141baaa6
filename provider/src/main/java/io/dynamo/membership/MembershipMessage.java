package io.dynamo.membership;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Gossip (paper §4.8) and the views it spreads: membership and the ring.
 * Each record writes its own body and reads it back ({@code read}), side by side; {@link #FAMILY}
 * lists the wire types for the node's routing table and the codecs.
 */
public sealed interface MembershipMessage extends Message permits MembershipMessage.Gossip, MembershipMessage.GossipResult, MembershipMessage.MembersRequest, MembershipMessage.MembersResult, MembershipMessage.RingRequest, MembershipMessage.RingState {
    int RING = 21;
    int GOSSIP = 40;
    int MEMBERS = 41;
    int RING_STATE = 68;
    int GOSSIP_RESULT = 90;
    int MEMBERS_RESULT = 91;

    MessageFamily FAMILY = MessageFamily.of("membership", Role.NODES,
            MessageFamily.type(RING, RingRequest.class, RingRequest::read).servedTo(Role.ANYONE),
            MessageFamily.type(GOSSIP, Gossip.class, Gossip::read),
            MessageFamily.type(MEMBERS, MembersRequest.class, MembersRequest::read).servedTo(Role.OPERATORS),
            MessageFamily.type(RING_STATE, RingState.class, RingState::read),
            MessageFamily.type(GOSSIP_RESULT, GossipResult.class, GossipResult::read),
            MessageFamily.type(MEMBERS_RESULT, MembersResult.class, MembersResult::read));

    /** Node to node, every gossip round (paper §4.8): the sender's encoded membership view; answered with the receiver's. */
    record Gossip(String from, byte[] view) implements MembershipMessage {
        public int type() {
            return GOSSIP;
        }

        public int sizeHint() {
            return 16 + from.length() + view.length;
        }

        public void write(WireWriter out) {
            out.string(from).bytes(view);
        }

        static Gossip read(WireReader in) {
            return new Gossip(in.string(), in.bytes());
        }
    }

    /** The receiver's view after merging the sender's: gossip is push-pull. */
    record GossipResult(byte[] view) implements MembershipMessage {
        public int type() {
            return GOSSIP_RESULT;
        }

        public int sizeHint() {
            return 8 + view.length;
        }

        public void write(WireWriter out) {
            out.bytes(view);
        }

        static GossipResult read(WireReader in) {
            return new GossipResult(in.bytes());
        }
    }

    /** Anyone to a node: its membership view and whom its failure detector holds down. */
    record MembersRequest() implements MembershipMessage {
        public int type() {
            return MEMBERS;
        }

        public void write(WireWriter out) {}

        static MembersRequest read(WireReader in) {
            return new MembersRequest();
        }
    }

    /** An encoded membership view and the ids the answering node's failure detector holds down. */
    record MembersResult(byte[] view, List<String> down) implements MembershipMessage {
        public int type() {
            return MEMBERS_RESULT;
        }

        public int sizeHint() {
            return 16 + view.length + down.size() * 16;
        }

        public void write(WireWriter out) {
            out.bytes(view).varint(down.size());
            for (String id : down) {
                out.string(id);
            }
        }

        static MembersResult read(WireReader in) {
            byte[] view = in.bytes();
            int count = in.count(1);
            List<String> down = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                down.add(in.string());
            }
            return new MembersResult(view, down);
        }
    }

    /** Anyone to a node: its current ring. */
    record RingRequest() implements MembershipMessage {
        public int type() {
            return RING;
        }

        public void write(WireWriter out) {}

        static RingRequest read(WireReader in) {
            return new RingRequest();
        }
    }

    record RingState(byte[] ring) implements MembershipMessage {
        public int type() {
            return RING_STATE;
        }

        public int sizeHint() {
            return 8 + ring.length;
        }

        public void write(WireWriter out) {
            out.bytes(ring);
        }

        static RingState read(WireReader in) {
            return new RingState(in.bytes());
        }
    }
}
