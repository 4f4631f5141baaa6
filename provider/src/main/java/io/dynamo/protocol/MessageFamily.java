package io.dynamo.protocol;

import java.util.List;

/**
 * The wire types of one concept's messages (DESIGN decision 13): its name (what a routing table
 * or an authorization rule refers to) and, per type number, the record and how to read it.
 */
public record MessageFamily(String name, List<MessageType<?>> types) {
    /** The largest type number a family may use: the codecs look types up in an array this long. */
    public static final int MAX_TYPE = 1023;

    /** The replies any request may get, whatever its family. */
    public static final MessageFamily REPLIES = of("replies",
            type(Ack.TYPE, Ack.class, Ack::read),
            type(ErrorResult.TYPE, ErrorResult.class, ErrorResult::read));

    public MessageFamily {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a message family needs a name");
        }
        types = List.copyOf(types);
    }

    public static MessageFamily of(String name, MessageType<?>... types) {
        return new MessageFamily(name, List.of(types));
    }

    public static <M extends Message> MessageType<M> type(int id, Class<M> type, Reader<M> reader) {
        return new MessageType<>(id, type, reader);
    }

    /** Reads one message's body; {@link MessageCodec} checks that nothing is left over. */
    @FunctionalInterface
    public interface Reader<M extends Message> {
        M read(WireReader in);
    }

    /** One wire type: its number, its record, and its reader. */
    public record MessageType<M extends Message>(int id, Class<M> type, Reader<M> reader) {
        public MessageType {
            if (id < 16 || id > MAX_TYPE) {
                throw new IllegalArgumentException("message type " + id + " of " + type.getSimpleName()
                        + " is outside 16.." + MAX_TYPE + " (types below 16 belong to the transport)");
            }
        }
    }
}
