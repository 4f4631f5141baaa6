package io.dynamo.protocol;

import io.dynamo.security.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The wire types of one concept's messages (DESIGN decision 13): its name (what a routing table
 * or an authorization rule refers to), the roles it serves requests to, and, per type number, the
 * record and how to read it. A type may serve other roles than its family (a family that mixes
 * operator requests with internal ones); a family that names none serves nodes only, so that a
 * forgotten declaration refuses rather than opens.
 */
public record MessageFamily(String name, Set<Role> servedTo, List<MessageType<?>> types) {
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
        if (servedTo == null || servedTo.isEmpty()) {
            throw new IllegalArgumentException("the " + name + " family must serve some role");
        }
        servedTo = Set.copyOf(servedTo);
        types = List.copyOf(types);
    }

    /** A family served to nodes only. */
    public static MessageFamily of(String name, MessageType<?>... types) {
        return of(name, Role.NODES, types);
    }

    public static MessageFamily of(String name, Set<Role> servedTo, MessageType<?>... types) {
        return new MessageFamily(name, servedTo, List.of(types));
    }

    public static <M extends Message> MessageType<M> type(int id, Class<M> type, Reader<M> reader) {
        return new MessageType<>(id, type, reader, Set.of());
    }

    /** The roles a request of type {@code type} of this family is served to: its own, else the family's. */
    public Set<Role> servedTo(MessageType<?> type) {
        return type.servedTo().isEmpty() ? servedTo : type.servedTo();
    }

    /** Reads one message's body; {@link MessageCodec} checks that nothing is left over. */
    @FunctionalInterface
    public interface Reader<M extends Message> {
        M read(WireReader in);
    }

    /** One wire type: its number, its record, its reader, and the roles it serves when they differ from its family's (empty: the family's). */
    public record MessageType<M extends Message>(int id, Class<M> type, Reader<M> reader, Set<Role> servedTo) {
        public MessageType {
            if (id < 16 || id > MAX_TYPE) {
                throw new IllegalArgumentException("message type " + id + " of " + type.getSimpleName()
                        + " is outside 16.." + MAX_TYPE + " (types below 16 belong to the transport)");
            }
            servedTo = Set.copyOf(servedTo);
        }

        /** This type served to {@code roles} instead of its family's roles. */
        public MessageType<M> servedTo(Set<Role> roles) {
            return new MessageType<>(id, type, reader, EnumSet.copyOf(roles));
        }
    }
}
