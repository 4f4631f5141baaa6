package io.dynamo.coordinator;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import java.util.List;
import java.util.Optional;

/**
 * Client to coordinator and back: the paper's get and put (§4.1, §5), deletes, compare-and-set, key listing.
 * Each record writes its own body and reads it back ({@code read}), side by side; {@link #FAMILY}
 * lists the wire types for the node's routing table and the codecs.
 */
public sealed interface CoordinatorMessage extends Message permits CoordinatorMessage.Get, CoordinatorMessage.Put, CoordinatorMessage.Delete, CoordinatorMessage.CompareAndSet, CoordinatorMessage.CacheKeys, CoordinatorMessage.GetResult, CoordinatorMessage.PutResult, CoordinatorMessage.WriteIncomplete, CoordinatorMessage.CasResult, CoordinatorMessage.KeysResult {
    int GET = 16;
    int PUT = 17;
    int DELETE = 18;
    int COMPARE_AND_SET = 23;
    int CACHE_KEYS = 24;
    int GET_RESULT = 64;
    int PUT_RESULT = 65;
    int CAS_RESULT = 70;
    int KEYS_RESULT = 71;
    int WRITE_INCOMPLETE = 72;

    MessageFamily FAMILY = MessageFamily.of("coordinator", Role.ANYONE,
            MessageFamily.type(GET, Get.class, Get::read),
            MessageFamily.type(PUT, Put.class, Put::read),
            MessageFamily.type(DELETE, Delete.class, Delete::read),
            MessageFamily.type(COMPARE_AND_SET, CompareAndSet.class, CompareAndSet::read),
            MessageFamily.type(CACHE_KEYS, CacheKeys.class, CacheKeys::read),
            MessageFamily.type(GET_RESULT, GetResult.class, GetResult::read),
            MessageFamily.type(PUT_RESULT, PutResult.class, PutResult::read),
            MessageFamily.type(WRITE_INCOMPLETE, WriteIncomplete.class, WriteIncomplete::read),
            MessageFamily.type(CAS_RESULT, CasResult.class, CasResult::read),
            MessageFamily.type(KEYS_RESULT, KeysResult.class, KeysResult::read));

    /**
     * Client to coordinator: read a key (paper §4.1 get). {@code seen} is the highest timestamp the
     * client has seen in answers (0 for none), which the coordinator's clock observes: see {@link Put}.
     * {@code forwardedAt} as for {@link Put}.
     */
    record Get(CacheSpec cache, byte[] key, long seen, long forwardedAt) implements CoordinatorMessage {
        public Get(CacheSpec cache, byte[] key) {
            this(cache, key, 0);
        }

        public Get(CacheSpec cache, byte[] key, long seen) {
            this(cache, key, seen, 0);
        }

        /** This get as a node outside the key's preference list hands it on at ring {@code epoch} ({@link Forwarding}). */
        public Get handedOnAt(long epoch) {
            return new Get(cache, key, seen, epoch);
        }

        public int type() {
            return GET;
        }

        public int sizeHint() {
            return 32 + key.length;
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key).varint(seen).varint(forwardedAt);
        }

        static Get read(WireReader in) {
            return new Get(CacheSpec.read(in), in.bytes(), in.varint(), in.varint());
        }
    }

    /**
     * Client to coordinator: write a value superseding what {@code context} covers. {@code seen} is
     * the highest timestamp the client has seen in answers: the coordinator's clock observes it
     * before stamping the write, so a client's writes are ordered as it made them for
     * last-write-wins even through a coordinator whose clock is behind (a session's causality).
     * {@code resent} says an earlier attempt of this write went unanswered, so it may be stored:
     * the coordinator then supersedes it ({@link ResentWrite}) rather than add a second sibling.
     * {@code forwardedAt} is 0 from a client, and from a node outside the key's preference list
     * that handed it on, that node's ring epoch ({@link Forwarding}).
     */
    record Put(CacheSpec cache, byte[] key, byte[] context, byte[] value, long seen, boolean resent, long forwardedAt)
            implements CoordinatorMessage {
        public Put(CacheSpec cache, byte[] key, byte[] context, byte[] value) {
            this(cache, key, context, value, 0, false);
        }

        public Put(CacheSpec cache, byte[] key, byte[] context, byte[] value, long seen, boolean resent) {
            this(cache, key, context, value, seen, resent, 0);
        }

        /** This put as a forwarder at ring {@code epoch} hands it on, marked re-sent when an earlier hand-over went unanswered. */
        public Put handedOnAt(long epoch, boolean resentAlso) {
            return new Put(cache, key, context, value, seen, resent || resentAlso, epoch);
        }

        public int type() {
            return PUT;
        }

        public int sizeHint() {
            return 48 + key.length + context.length + value.length;
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key).bytes(context).bytes(value).varint(seen).byte_(resent ? 1 : 0).varint(forwardedAt);
        }

        static Put read(WireReader in) {
            return new Put(CacheSpec.read(in), in.bytes(), in.bytes(), in.bytes(), in.varint(), in.bool("resent"), in.varint());
        }
    }

    /** Client to coordinator: write a tombstone superseding what {@code context} covers; the rest as for {@link Put}. */
    record Delete(CacheSpec cache, byte[] key, byte[] context, long seen, boolean resent, long forwardedAt) implements CoordinatorMessage {
        public Delete(CacheSpec cache, byte[] key, byte[] context) {
            this(cache, key, context, 0, false);
        }

        public Delete(CacheSpec cache, byte[] key, byte[] context, long seen, boolean resent) {
            this(cache, key, context, seen, resent, 0);
        }

        /** As {@link Put#handedOnAt}. */
        public Delete handedOnAt(long epoch, boolean resentAlso) {
            return new Delete(cache, key, context, seen, resent || resentAlso, epoch);
        }

        public int type() {
            return DELETE;
        }

        public int sizeHint() {
            return 48 + key.length + context.length;
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key).bytes(context).varint(seen).byte_(resent ? 1 : 0).varint(forwardedAt);
        }

        static Delete read(WireReader in) {
            return new Delete(CacheSpec.read(in), in.bytes(), in.bytes(), in.varint(), in.bool("resent"), in.varint());
        }
    }

    /**
     * Client to any node, which leads a Paxos round among the key's N replicas (package
     * {@code io.dynamo.consensus}): write (or delete, when {@code value} is empty) only if the
     * key's current context equals {@code expected}. {@code requestId} (16 random bytes chosen by
     * the client) is the same when the client re-sends the request elsewhere, which then reports
     * the earlier attempt's win instead of applying it twice.
     */
    record CompareAndSet(CacheSpec cache, byte[] key, byte[] expected, Optional<byte[]> value, byte[] requestId) implements CoordinatorMessage {
        public int type() {
            return COMPARE_AND_SET;
        }

        public int sizeHint() {
            return 64 + key.length + expected.length + value.map(v -> v.length).orElse(0);
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key).bytes(expected).byte_(value.isPresent() ? 1 : 0);
            value.ifPresent(out::bytes);
            out.bytes(requestId);
        }

        static CompareAndSet read(WireReader in) {
            return new CompareAndSet(CacheSpec.read(in), in.bytes(), in.bytes(), in.optionalBytes(), in.bytes());
        }
    }

    /** Anyone to a node: the keys of a cache it holds with a live value (for iteration and clear). */
    record CacheKeys(String cache) implements CoordinatorMessage {
        public int type() {
            return CACHE_KEYS;
        }

        public void write(WireWriter out) {
            out.string(cache);
        }

        static CacheKeys read(WireReader in) {
            return new CacheKeys(in.string());
        }
    }

    /**
     * Live values (no tombstones) and the context covering every version the read saw.
     * {@code clock} is the coordinator's clock after the read, at least every timestamp of the
     * key's versions (a client carries it into its next request). {@code expired} are the values
     * whose expiry deadline had passed in the coordinator's time (caches whose values carry one,
     * {@link CacheSpec#expiring()}): no longer live, removed by the coordinator before it
     * answered, and given back only for the client's EXPIRED events.
     */
    record GetResult(long epoch, List<byte[]> values, byte[] context, long clock, List<byte[]> expired) implements CoordinatorMessage {
        public GetResult(long epoch, List<byte[]> values, byte[] context) {
            this(epoch, values, context, 0, List.of());
        }

        public int type() {
            return GET_RESULT;
        }

        public int sizeHint() {
            return 24 + context.length + WireWriter.sizeOf(values) + WireWriter.sizeOf(expired);
        }

        public void write(WireWriter out) {
            out.varint(epoch).list(values).bytes(context).varint(clock).list(expired);
        }

        static GetResult read(WireReader in) {
            return new GetResult(in.varint(), in.list(), in.bytes(), in.varint(), in.list());
        }
    }

    /** The context of the version just written; {@code clock} the coordinator's clock, at least the write's timestamp. */
    record PutResult(long epoch, byte[] context, long clock) implements CoordinatorMessage {
        public PutResult(long epoch, byte[] context) {
            this(epoch, context, 0);
        }

        public int type() {
            return PUT_RESULT;
        }

        public void write(WireWriter out) {
            out.varint(epoch).bytes(context).varint(clock);
        }

        static PutResult read(WireReader in) {
            return new PutResult(in.varint(), in.bytes(), in.varint());
        }
    }

    /**
     * A put or delete stored at the coordinator that did not reach W acknowledgements: not a
     * failure of the request yet, since another coordinator may reach W. {@code context} is the
     * one a {@link PutResult} would have carried; a client that re-sends the write elsewhere with
     * it supersedes this attempt instead of adding a sibling of the same logical write.
     */
    record WriteIncomplete(long epoch, byte[] context, String reason, long clock) implements CoordinatorMessage {
        public int type() {
            return WRITE_INCOMPLETE;
        }

        public int sizeHint() {
            return 16 + context.length + reason.length() * 3;
        }

        public void write(WireWriter out) {
            out.varint(epoch).bytes(context).string(reason).varint(clock);
        }

        static WriteIncomplete read(WireReader in) {
            return new WriteIncomplete(in.varint(), in.bytes(), in.string(), in.varint());
        }
    }

    /** Whether a compare-and-set applied, and the key's state after it (or the state that failed the check). */
    record CasResult(long epoch, boolean applied, List<byte[]> values, byte[] context) implements CoordinatorMessage {
        public int type() {
            return CAS_RESULT;
        }

        public int sizeHint() {
            return 16 + context.length + WireWriter.sizeOf(values);
        }

        public void write(WireWriter out) {
            out.varint(epoch).byte_(applied ? 1 : 0).list(values).bytes(context);
        }

        static CasResult read(WireReader in) {
            return new CasResult(in.varint(), in.byte_() == 1, in.list(), in.bytes());
        }
    }

    record KeysResult(List<byte[]> keys) implements CoordinatorMessage {
        public int type() {
            return KEYS_RESULT;
        }

        public int sizeHint() {
            return 8 + WireWriter.sizeOf(keys);
        }

        public void write(WireWriter out) {
            out.list(keys);
        }

        static KeysResult read(WireReader in) {
            return new KeysResult(in.list());
        }
    }
}
