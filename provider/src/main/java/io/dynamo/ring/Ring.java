package io.dynamo.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The partitioned ring of paper §4.2 with strategy 3 of §6.2: the 64-bit hash space cut into Q equal
 * partitions, each owned by one member. Immutable; a change of assignment is a new ring with a
 * higher epoch.
 */
public final class Ring {
    public static final int DEFAULT_PARTITIONS = 256;
    public static final int MAX_PARTITIONS = 1 << 16;

    private final int partitions;
    /** log2(Q): a key's partition is the top {@code bits} bits of its hash. */
    private final int bits;
    private final long epoch;
    /** Sorted by id; owners[] and the caches index into it. */
    private final Member[] members;
    private final List<Member> memberList;
    private final Map<NodeId, Integer> indexOf;
    private final int[] owners;
    private final PreferenceWalk walk;
    /**
     * Preference lists are on every request's path, so each (n, partition) is computed once:
     * row n-1 holds one list per partition. Rows are published through the atomic array; the
     * lists themselves are immutable with final fields, so a racy write of one is safe (at worst
     * two threads compute the same list).
     */
    private final AtomicReferenceArray<PreferenceList[]> preferenceLists;

    private Ring(int partitions, long epoch, Member[] sortedMembers, int[] owners) {
        this.partitions = partitions;
        this.bits = Integer.numberOfTrailingZeros(partitions);
        this.epoch = epoch;
        this.members = sortedMembers;
        this.memberList = List.of(sortedMembers);
        this.owners = owners;
        Map<NodeId, Integer> index = new HashMap<>();
        Map<String, Integer> zoneNumbers = new LinkedHashMap<>();
        int[] zoneOf = new int[sortedMembers.length];
        for (int i = 0; i < sortedMembers.length; i++) {
            index.put(sortedMembers[i].id(), i);
            zoneOf[i] = zoneNumbers.computeIfAbsent(sortedMembers[i].zone(), z -> zoneNumbers.size());
        }
        this.indexOf = Map.copyOf(index);
        this.walk = new PreferenceWalk(owners, sortedMembers, zoneOf, zoneNumbers.size());
        this.preferenceLists = new AtomicReferenceArray<>(sortedMembers.length);
    }

    /** A balanced first assignment over {@code members}, epoch 1. */
    public static Ring create(int partitions, Collection<Member> members) {
        checkPartitionCount(partitions);
        Objects.requireNonNull(members, "members");
        List<Member> list = new ArrayList<>(members);
        checkMembers(partitions, list);
        return build(partitions, 1, list, AssignmentPlanner.initial(partitions, list));
    }

    /** A balanced first assignment over {@code members} with the default Q, epoch 1. */
    public static Ring create(Collection<Member> members) {
        return create(DEFAULT_PARTITIONS, members);
    }

    public int partitionCount() {
        return partitions;
    }

    public long epoch() {
        return epoch;
    }

    /** Members sorted by id. */
    public List<Member> members() {
        return memberList;
    }

    public Optional<Member> member(NodeId id) {
        Integer i = indexOf.get(id);
        return i == null ? Optional.empty() : Optional.of(members[i]);
    }

    /** The partition a key falls in: the top log2(Q) bits of its hash. */
    public int partitionOf(byte[] key) {
        return partitionOfHash(KeyHash.hash(key));
    }

    /** The partition of a {@link KeyHash#hash} value: its top log2(Q) bits, unsigned. */
    public int partitionOfHash(long hash) {
        // Two shifts so that Q = 1 (bits = 0) yields 0: Java masks a single shift count to 0..63.
        return (int) ((hash >>> 1) >>> (63 - bits));
    }

    public NodeId owner(int partition) {
        checkPartition(partition);
        return members[owners[partition]].id();
    }

    public List<Integer> partitionsOwnedBy(NodeId id) {
        Integer index = indexOf.get(id);
        if (index == null) {
            return List.of();
        }
        List<Integer> owned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (owners[p] == index) {
                owned.add(p);
            }
        }
        return Collections.unmodifiableList(owned);
    }

    /** How many partitions each member owns, by id: the balance a join or leave plan shows. */
    public Map<NodeId, Integer> partitionCounts() {
        int[] counts = new int[members.length];
        for (int owner : owners) {
            counts[owner]++;
        }
        Map<NodeId, Integer> byId = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i++) {
            byId.put(members[i].id(), counts[i]);
        }
        return Collections.unmodifiableMap(byId);
    }

    /** @throws RingException when {@code n} exceeds the member count or is below 1 */
    public PreferenceList preferenceList(int partition, int n) {
        if (n < 1 || n > members.length) {
            throw new RingException("cannot pick N=" + n + " replicas from a ring of " + members.length
                    + " member" + (members.length == 1 ? "" : "s") + " (N must be 1.." + members.length + ")");
        }
        checkPartition(partition);
        PreferenceList[] row = preferenceLists.get(n - 1);
        if (row == null) {
            preferenceLists.compareAndSet(n - 1, null, new PreferenceList[partitions]);
            row = preferenceLists.get(n - 1);
        }
        PreferenceList list = row[partition];
        if (list == null) {
            list = walk.compute(partition, n);
            row[partition] = list;
        }
        return list;
    }

    /** The ring after {@code member} joins: epoch + 1, as few partitions moved as possible, balanced. */
    public Ring join(Member member) {
        Objects.requireNonNull(member, "member");
        if (indexOf.containsKey(member.id())) {
            throw new RingException("node " + member.id() + " is already a member of the ring");
        }
        List<Member> after = new ArrayList<>(memberList);
        after.add(member);
        checkMembers(partitions, after);
        NodeId[] next = AssignmentPlanner.join(ownerIds(), byId(), member);
        return build(partitions, epoch + 1, after, next);
    }

    /** The ring after {@code id} leaves: its partitions spread over the rest, balanced. */
    public Ring leave(NodeId id) {
        Objects.requireNonNull(id, "id");
        if (!indexOf.containsKey(id)) {
            throw new RingException("node " + id + " is not a member of the ring");
        }
        if (members.length == 1) {
            throw new RingException("node " + id + " is the last member: a ring needs at least one");
        }
        List<Member> after = new ArrayList<>(memberList);
        after.remove(members[indexOf.get(id)]);
        NodeId[] next = AssignmentPlanner.leave(ownerIds(), byId(), id);
        return build(partitions, epoch + 1, after, next);
    }

    /**
     * One step of a planned change, taken once the partition's data has reached its new owner:
     * this ring with {@code partition} owned by {@code to}, over {@code members} (a joining node
     * is a member owning nothing until its first step; a leaving node stays a member until its
     * last partition is handed over), epoch + 1. Ownership thus flips partition by partition.
     */
    public Ring withOwner(int partition, NodeId to, Collection<Member> members) {
        checkPartition(partition);
        Objects.requireNonNull(to, "to");
        List<Member> list = new ArrayList<>(members);
        checkMembers(partitions, list);
        NodeId[] ids = ownerIds();
        ids[partition] = to;
        return build(partitions, epoch + 1, list, ids);
    }

    /** How many partitions have a different owner in {@code other} (same Q required). */
    public int movedPartitions(Ring other) {
        return movesTo(other).size();
    }

    /** The partitions whose owner differs in {@code next}, in partition order: what a change transfers. */
    public List<PartitionMove> movesTo(Ring next) {
        Objects.requireNonNull(next, "next");
        if (next.partitions != partitions) {
            throw new RingException("cannot compare rings of " + partitions + " and " + next.partitions + " partitions");
        }
        List<PartitionMove> moves = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            NodeId from = owner(p);
            NodeId to = next.owner(p);
            if (!from.equals(to)) {
                moves.add(new PartitionMove(p, from, to));
            }
        }
        return Collections.unmodifiableList(moves);
    }

    /** Compact binary form, for the wire and for disk. */
    public byte[] encode() {
        return RingCodec.encode(this);
    }

    public static Ring decode(byte[] bytes) {
        return RingCodec.decode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ring other
                && epoch == other.epoch
                && partitions == other.partitions
                && Arrays.equals(members, other.members)
                && Arrays.equals(owners, other.owners); // indices into equal sorted member arrays
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, partitions, Arrays.hashCode(members), Arrays.hashCode(owners));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Ring{epoch=").append(epoch)
                .append(", partitions=").append(partitions)
                .append(", members=").append(members.length).append(" [");
        String sep = "";
        for (Map.Entry<NodeId, Integer> e : partitionCounts().entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return b.append("]}").toString();
    }

    int ownerIndex(int partition) {
        return owners[partition];
    }

    /** A ring read back by the codec: members in the encoded order, owners as indices into it. */
    static Ring restore(int partitions, long epoch, List<Member> members, int[] ownerIndices) {
        checkMembers(partitions, members);
        NodeId[] ids = new NodeId[partitions];
        for (int p = 0; p < partitions; p++) {
            ids[p] = members.get(ownerIndices[p]).id();
        }
        return build(partitions, epoch, members, ids);
    }

    static void checkPartitionCount(int partitions) {
        if (partitions < 1 || partitions > MAX_PARTITIONS || Integer.bitCount(partitions) != 1) {
            throw new RingException("partition count Q=" + partitions + " must be a power of two in 1.."
                    + MAX_PARTITIONS);
        }
    }

    private static void checkMembers(int partitions, List<Member> members) {
        if (members.isEmpty()) {
            throw new RingException("a ring needs at least one member, got none");
        }
        if (members.size() > partitions) {
            throw new RingException("more members (" + members.size() + ") than partitions (Q=" + partitions
                    + "): every member must own at least one partition; raise Q");
        }
        Map<NodeId, Member> ids = new HashMap<>();
        Map<String, Member> addresses = new HashMap<>();
        for (Member m : members) {
            if (m == null) {
                throw new RingException("a ring member must not be null");
            }
            if (ids.putIfAbsent(m.id(), m) != null) {
                throw new RingException("duplicate node id " + m.id() + ": " + ids.get(m.id()) + " and " + m);
            }
            Member other = addresses.putIfAbsent(m.hostPort().toLowerCase(Locale.ROOT), m);
            if (other != null) {
                throw new RingException("duplicate address " + m.hostPort() + ": nodes " + other.id() + " and "
                        + m.id() + " cannot listen on the same host:port");
            }
        }
    }

    private static void checkPartition(int partition, int partitions) {
        if (partition < 0 || partition >= partitions) {
            throw new RingException("partition " + partition + " is outside 0.." + (partitions - 1));
        }
    }

    private void checkPartition(int partition) {
        checkPartition(partition, partitions);
    }

    private static Ring build(int partitions, long epoch, List<Member> members, NodeId[] ownerIds) {
        Member[] sorted = members.toArray(new Member[0]);
        Arrays.sort(sorted, (a, b) -> a.id().compareTo(b.id()));
        Map<NodeId, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.length; i++) {
            index.put(sorted[i].id(), i);
        }
        int[] owners = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            Integer i = index.get(ownerIds[p]);
            if (i == null) {
                throw new IllegalStateException("partition " + p + " assigned to non-member " + ownerIds[p]);
            }
            owners[p] = i;
        }
        return new Ring(partitions, epoch, sorted, owners);
    }

    private NodeId[] ownerIds() {
        NodeId[] ids = new NodeId[partitions];
        for (int p = 0; p < partitions; p++) {
            ids[p] = members[owners[p]].id();
        }
        return ids;
    }

    private Map<NodeId, Member> byId() {
        Map<NodeId, Member> map = new HashMap<>();
        for (Member m : members) {
            map.put(m.id(), m);
        }
        return map;
    }
}
