package io.dynamo.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes messages to their wire bodies and decodes the types of the families it was built with,
 * checking every field. There is no central list of messages: each side builds its codec from the
 * families it speaks (a node all of them, a client the few it needs).
 */
public final class MessageCodec {
    private final MessageFamily.MessageType<?>[] byType;
    private final List<MessageFamily> families;

    private MessageCodec(List<MessageFamily> families) {
        List<MessageFamily> all = new ArrayList<>(families);
        if (!all.contains(MessageFamily.REPLIES)) {
            all.add(MessageFamily.REPLIES);
        }
        this.families = List.copyOf(all);
        byType = new MessageFamily.MessageType<?>[MessageFamily.MAX_TYPE + 1];
        String[] owner = new String[byType.length];
        for (MessageFamily family : this.families) {
            for (MessageFamily.MessageType<?> t : family.types()) {
                if (byType[t.id()] != null) {
                    throw new IllegalArgumentException("message type " + t.id() + " claimed by both " + owner[t.id()] + " ("
                            + byType[t.id()].type().getSimpleName() + ") and " + family.name() + " (" + t.type().getSimpleName() + ")");
                }
                byType[t.id()] = t;
                owner[t.id()] = family.name();
            }
        }
    }

    /** A codec for these families and the replies every request may get ({@link MessageFamily#REPLIES}). */
    public static MessageCodec of(MessageFamily... families) {
        return new MessageCodec(List.of(families));
    }

    public static MessageCodec of(List<MessageFamily> families) {
        return new MessageCodec(families);
    }

    public List<MessageFamily> families() {
        return families;
    }

    public static byte[] encode(Message m) {
        WireWriter out = new WireWriter(m.sizeHint());
        m.write(out);
        return out.toByteArray();
    }

    /**
     * The length of {@code m}'s wire body. Encodes it: for metering traffic that is paced anyway
     * (anti-entropy), not for the request path.
     */
    public static int encodedSize(Message m) {
        return encode(m).length;
    }

    /** @throws MalformedMessageException on a type this codec does not know or bytes that do not parse */
    public Message decode(int type, byte[] payload) {
        MessageFamily.MessageType<?> t = type >= 0 && type < byType.length ? byType[type] : null;
        if (t == null) {
            throw new MalformedMessageException("unknown message type " + type);
        }
        WireReader in = new WireReader(payload);
        Message m;
        try {
            m = t.reader().read(in);
        } catch (IllegalArgumentException e) {
            // A record's own check (e.g. lists that must pair up): the bytes were not a valid message.
            throw e instanceof MalformedMessageException ? e : new MalformedMessageException(e.getMessage());
        }
        in.end();
        return m;
    }

    /** Decodes a response; an error result becomes the matching exception. */
    public Message decodeResponse(int type, byte[] payload) {
        Message m = decode(type, payload);
        if (m instanceof ErrorResult e) {
            throw DynamoException.fromWire(e.code(), e.message());
        }
        return m;
    }
}
