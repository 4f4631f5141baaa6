package io.dynamo.ring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a ring, for gossip and disk:
 * <pre>
 * byte  format version (1)
 * int   Q (partitions)
 * long  epoch
 * int   S (members), then S times: UTF id, UTF host, u16 port, UTF zone
 * Q owners, each an index into the members as listed: one byte when S <= 256, else u16
 * </pre>
 * Decoding checks everything, since the bytes come from the network.
 */
final class RingCodec {
    static final byte VERSION = 1;

    private RingCodec() {}

    static byte[] encode(Ring ring) {
        List<Member> members = ring.members();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 32 * members.size() + 2 * ring.partitionCount());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(ring.partitionCount());
            out.writeLong(ring.epoch());
            out.writeInt(members.size());
            for (Member m : members) {
                out.writeUTF(m.id().value());
                out.writeUTF(m.host());
                out.writeShort(m.port());
                out.writeUTF(m.zone());
            }
            boolean small = members.size() <= 256;
            for (int p = 0; p < ring.partitionCount(); p++) {
                int owner = ring.ownerIndex(p);
                if (small) {
                    out.writeByte(owner);
                } else {
                    out.writeShort(owner);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    static Ring decode(byte[] bytes) {
        if (bytes == null) {
            throw new RingException("cannot decode a ring from null");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new RingException("unknown ring format version " + version + " (this node reads " + VERSION + ")");
            }
            int partitions = in.readInt();
            Ring.checkPartitionCount(partitions);
            long epoch = in.readLong();
            if (epoch < 1) {
                throw new RingException("bad ring epoch " + epoch + ": epochs start at 1");
            }
            int count = in.readInt();
            if (count < 1 || count > partitions) {
                throw new RingException("bad member count " + count + " for a ring of " + partitions + " partitions");
            }
            List<Member> members = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                NodeId id = new NodeId(in.readUTF());
                String host = in.readUTF();
                int port = in.readUnsignedShort();
                String zone = in.readUTF();
                members.add(new Member(id, host, port, zone));
            }
            int[] owners = new int[partitions];
            for (int p = 0; p < partitions; p++) {
                int owner = count <= 256 ? in.readUnsignedByte() : in.readUnsignedShort();
                if (owner >= count) {
                    throw new RingException("partition " + p + " names member #" + owner + " of " + count);
                }
                owners[p] = owner;
            }
            if (in.available() > 0) {
                throw new RingException("ring bytes have " + in.available() + " trailing bytes");
            }
            return Ring.restore(partitions, epoch, members, owners);
        } catch (EOFException e) {
            throw new RingException("ring bytes are truncated (" + bytes.length + " bytes)");
        } catch (UTFDataFormatException e) {
            throw new RingException("ring bytes hold a malformed string: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
        }
    }
}
