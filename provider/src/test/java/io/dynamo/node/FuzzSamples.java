package io.dynamo.node;

import io.dynamo.admin.AdminMessage;
import io.dynamo.antientropy.AntiEntropyMessage;
import io.dynamo.bulk.BulkMessage;
import io.dynamo.consensus.Ballot;
import io.dynamo.consensus.ConsensusMessage;
import io.dynamo.consensus.Proposal;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.handoff.HandoffMessage;
import io.dynamo.membership.MemberEntry;
import io.dynamo.membership.MemberState;
import io.dynamo.membership.MembershipMessage;
import io.dynamo.membership.MembershipView;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.ErrorResult;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.rebalance.RebalanceMessage;
import io.dynamo.replica.ReplicaMessage;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One valid sample of every message type and of every nested encoding: the seeds of the fuzz
 * corpus. {@link #main} rewrites {@code src/test/resources/fuzz-corpus} from them (run it after a
 * wire change; the files are committed so the corpus can also hold inputs that once failed).
 */
final class FuzzSamples {
    private static final CacheSpec CACHE = new CacheSpec("carts", 3, 2, 2, ConflictPolicy.SIBLINGS, Duration.ofMillis(1500));
    private static final byte[] KEY = bytes("cart:42");

    private FuzzSamples() {}

    static Ring ring() {
        return Ring.create(8, List.of(new Member(new NodeId("n1"), "127.0.0.1", 7001, "z1"),
                new Member(new NodeId("n2"), "127.0.0.2", 7002, "z2")));
    }

    static DvvSet state() {
        return DvvSet.empty().put(VersionVector.empty(), "n1", 1L << 40, bytes("apple"))
                .put(VersionVector.empty(), "n2", (1L << 40) + 1, bytes("pear"));
    }

    static MembershipView view() {
        Map<NodeId, MemberEntry> members = new TreeMap<>();
        for (Member m : ring().members()) {
            members.put(m.id(), new MemberEntry(m, MemberState.UP, 3, 17));
        }
        return new MembershipView(ring(), members);
    }

    /** family name, samples of its types */
    static Map<String, List<Message>> messages() {
        byte[] state = state().encode();
        byte[] context = state().context().encode();
        byte[] view = view().encode();
        Map<String, List<Message>> samples = new TreeMap<>();
        samples.put("coordinator", List.of(new CoordinatorMessage.Get(CACHE.withExpiryHeader(), KEY, 1L << 40),
                new CoordinatorMessage.Put(CACHE, KEY, context, bytes("v"), 1L << 40, true),
                new CoordinatorMessage.Delete(CACHE, KEY, context, 1L << 40, false),
                new CoordinatorMessage.CompareAndSet(CACHE, KEY, context, Optional.of(bytes("v")), new byte[16]),
                new CoordinatorMessage.CacheKeys("carts"),
                new CoordinatorMessage.GetResult(4, List.of(bytes("a"), bytes("b")), context, 1L << 40, List.of(bytes("x"))),
                new CoordinatorMessage.PutResult(4, context, 1L << 40),
                new CoordinatorMessage.WriteIncomplete(4, context, "1 of 2", 1L << 40),
                new CoordinatorMessage.CasResult(4, true, List.of(bytes("a")), context),
                new CoordinatorMessage.KeysResult(List.of(KEY, bytes("k2")))));
        samples.put("replica", List.of(new ReplicaMessage.ReplicaRead("carts", 3, KEY),
                new ReplicaMessage.ReplicaWrite("carts", 3, KEY, ConflictPolicy.SIBLINGS, 3, state),
                new ReplicaMessage.ReplicaState(Optional.of(state))));
        samples.put("membership", List.of(new MembershipMessage.Gossip("n1", view),
                new MembershipMessage.GossipResult(view), new MembershipMessage.MembersRequest(),
                new MembershipMessage.MembersResult(view, List.of("n2")), new MembershipMessage.RingRequest(),
                new MembershipMessage.RingState(ring().encode())));
        samples.put("handoff", List.of(new HandoffMessage.HintedWrite("n2", "carts", 3, KEY, ConflictPolicy.SIBLINGS, state),
                new HandoffMessage.HintsRequest(), new HandoffMessage.HintsResult(Map.of("n2", 5L, "n3", 1L))));
        samples.put("rebalance", List.of(new RebalanceMessage.Change(true, "n3@127.0.0.3:7003", true),
                new RebalanceMessage.PartitionSize(3), new RebalanceMessage.PartitionSizeResult(10, 900),
                new RebalanceMessage.ChangeStatus(),
                new RebalanceMessage.ChangeProgress("join n3", true, 2, 8, 10, 900, 1200, ""),
                new RebalanceMessage.StreamPartition(3, "127.0.0.3:7003", 4, 0), new RebalanceMessage.StreamResult(10, 900),
                new RebalanceMessage.SyncPartition(3, "n3@127.0.0.3:7003", 2, 0),
                new RebalanceMessage.StreamEntries(3, List.of("carts".getBytes(java.nio.charset.StandardCharsets.UTF_8)), new int[] {3},
                        List.of(KEY), List.of(state))));
        byte[] hash = new byte[16];
        samples.put("anti-entropy", List.of(new AntiEntropyMessage.TreeRoots(10, new byte[] {5, 1}, hash),
                new AntiEntropyMessage.TreeRootsResult(false, List.of(hash, new byte[0])),
                new AntiEntropyMessage.TreeHashes(3, 10, 1, new int[] {0, 5, 31}),
                new AntiEntropyMessage.TreeHashesResult(true, List.of(hash, hash)),
                new AntiEntropyMessage.LeafDigests(3, 10, new int[] {7, 900}, "carts"),
                new AntiEntropyMessage.KeyDigests(true, List.of(KEY), List.of(hash)),
                new AntiEntropyMessage.FetchEntries(3, List.of(KEY)),
                new AntiEntropyMessage.Entries(1, List.of(KEY), List.of(state)),
                new AntiEntropyMessage.PushEntries(3, List.of(KEY), List.of(state)),
                new AntiEntropyMessage.Purge(3, List.of(KEY), List.of(hash)),
                new AntiEntropyMessage.TreeSummary(),
                new AntiEntropyMessage.TreeSummaryResult("n1", List.of(new AntiEntropyMessage.PartitionTree(3, true, hash, 10, 1))),
                new AntiEntropyMessage.RepairStart("carts"), new AntiEntropyMessage.AntiEntropySettings(60_000),
                new AntiEntropyMessage.RepairStatus(7),
                new AntiEntropyMessage.RepairProgress(7, 2, 8, 16, 1, 3, 4, 300, 400, 1, 2000, false, "")));
        Proposal proposal = new Proposal(new Ballot(1_700_000_000_000L, "n1"), new byte[16], state);
        samples.put("consensus", List.of(new ConsensusMessage.Prepare("carts", 3, KEY, proposal.ballot(), new byte[16]),
                new ConsensusMessage.Promise(true, proposal.ballot(), Optional.of(proposal), Ballot.NONE, false, Optional.of(state)),
                new ConsensusMessage.Propose("carts", 3, KEY, proposal),
                new ConsensusMessage.Accepted(false, proposal.ballot()),
                new ConsensusMessage.Commit("carts", 3, KEY, ConflictPolicy.LAST_WRITE_WINS, proposal)));
        samples.put("admin", List.of(new AdminMessage.StatusRequest(), new AdminMessage.StatusResult("n1", 4, 100, 4, 60_000)));
        samples.put("bulk", List.of(new BulkMessage.BulkPut(CACHE, List.of(KEY, bytes("k2")), List.of(bytes("v"), bytes("w"))),
                new BulkMessage.BulkReplicaWrite("carts", ConflictPolicy.LAST_WRITE_WINS, 3, new int[] {3, 5}, List.of(KEY, bytes("k2")),
                        List.of(state, state))));
        samples.put("replies", List.of(new Ack(), new ErrorResult(ErrorCode.QUORUM_NOT_REACHED, "1 of 2")));
        return samples;
    }

    /** A message as one corpus input: its type (2 bytes, big-endian), then its body. */
    static byte[] typed(Message m) {
        byte[] body = MessageCodec.encode(m);
        return ByteBuffer.allocate(2 + body.length).putShort((short) m.type()).put(body).array();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the corpus under the directory given (default: this module's test resources). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/fuzz-corpus");
        for (Map.Entry<String, List<Message>> family : messages().entrySet()) {
            for (Message m : family.getValue()) {
                write(root.resolve(family.getKey()), m.getClass().getSimpleName(), typed(m));
            }
        }
        write(root.resolve("dvvset"), "two-siblings", state().encode());
        write(root.resolve("dvvset"), "tombstone", state().delete(state().context(), "n1", 1L << 41).encode());
        write(root.resolve("version-vector"), "two-actors", state().context().encode());
        write(root.resolve("ring"), "two-members", ring().encode());
        write(root.resolve("membership-view"), "two-up", view().encode());
    }

    private static void write(Path dir, String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".bin"), content);
    }
}
