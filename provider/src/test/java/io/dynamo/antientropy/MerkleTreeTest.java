package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final int LEAF_BITS = 10;

    @Property(tries = 50)
    void incrementalUpdatesEqualATreeBuiltFromTheFinalContents(@ForAll @IntRange(min = 1, max = 400) int operations, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, String> contents = new HashMap<>();
        MerkleTree incremental = new MerkleTree(LEAF_BITS);
        for (int i = 0; i < operations; i++) {
            String key = "k" + random.nextInt(60);
            String old = contents.get(key);
            if (random.nextInt(4) == 0) {
                if (old != null) {
                    remove(incremental, key, old);
                }
                contents.remove(key);
            } else {
                String state = "v" + random.nextInt(1000);
                contents.put(key, state);
                if (old != null && random.nextBoolean()) {
                    replace(incremental, key, old, state); // one change, as a write of a stored key makes it
                } else {
                    if (old != null) {
                        remove(incremental, key, old);
                    }
                    add(incremental, key, state);
                }
            }
        }
        MerkleTree rebuilt = new MerkleTree(LEAF_BITS);
        List<String> keys = new ArrayList<>(contents.keySet());
        Collections.shuffle(keys, new java.util.Random(seed));
        for (String k : keys) {
            add(rebuilt, k, contents.get(k));
        }
        assertThat(incremental.sameLeaves(rebuilt)).isTrue();
        assertThat(incremental.root()).isEqualTo(rebuilt.root());
        assertThat(incremental.keyCount()).isEqualTo(contents.size());
    }

    @Test
    void diffFindsExactlyTheLeavesOfTheDifferingKeys() {
        MerkleTree a = new MerkleTree(LEAF_BITS);
        MerkleTree b = new MerkleTree(LEAF_BITS);
        for (int i = 0; i < 5000; i++) {
            add(a, "key-" + i, "state-" + i);
            add(b, "key-" + i, "state-" + i);
        }
        assertThat(a.root()).isEqualTo(b.root());
        assertThat(MerkleDiff.differingLeaves(a, b)).isEmpty();

        TreeSet<Integer> expected = new TreeSet<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 40; n++) {
            int i = random.nextInt(5000);
            String key = "key-" + i;
            switch (n % 3) {
                case 0 -> { // a newer version on one side
                    remove(b, key, "state-" + i);
                    add(b, key, "state-" + i + "-newer");
                }
                case 1 -> remove(b, key, "state-" + i); // missing on one side
                default -> add(b, "extra-" + n, "x"); // only on one side
            }
            expected.add(KeyDigests.leafOf(bytes(n % 3 == 2 ? "extra-" + n : key), LEAF_BITS));
        }
        int[] differing = MerkleDiff.differingLeaves(a, b);
        assertThat(differing).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void descentAsksOnlyForChildrenOfDifferingNodes() {
        MerkleTree a = new MerkleTree(LEAF_BITS);
        MerkleTree b = new MerkleTree(LEAF_BITS);
        for (int i = 0; i < 2000; i++) {
            add(a, "key-" + i, "s");
            add(b, "key-" + i, "s");
        }
        add(b, "one-more", "s");
        int[] asked = new int[1];
        TreeView counting = new TreeView() {
            public int depth() {
                return b.depth();
            }

            public byte[] hash(int level, int index) {
                asked[0]++;
                return b.hash(level, index);
            }
        };
        assertThat(MerkleDiff.differingLeaves(a, counting)).containsExactly(KeyDigests.leafOf(bytes("one-more"), LEAF_BITS));
        assertThat(asked[0]).as("root + 32 level-1 nodes + 32 leaves").isEqualTo(1 + 32 + 32);
    }

    @Test
    void sameKeyWithAnotherVersionChangesTheRoot() {
        MerkleTree a = new MerkleTree(LEAF_BITS);
        MerkleTree b = new MerkleTree(LEAF_BITS);
        add(a, "k", "version-1");
        add(b, "k", "version-2");
        assertThat(a.root()).isNotEqualTo(b.root());
        assertThat(a.keyCount()).isEqualTo(b.keyCount()).isEqualTo(1);
    }

    @Test
    void lazilyRecomputedRootFollowsLaterWrites() {
        MerkleTree a = new MerkleTree(LEAF_BITS);
        byte[] empty = a.root();
        add(a, "k", "s");
        byte[] one = a.root();
        assertThat(one).isNotEqualTo(empty);
        remove(a, "k", "s");
        assertThat(a.root()).isEqualTo(empty);
    }

    @Test
    void shapesAreChecked() {
        assertThatThrownBy(() -> new MerkleTree(7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerkleTree(LEAF_BITS).hash(1, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleDiff.differingLeaves(new MerkleTree(5), new MerkleTree(10))).isInstanceOf(IllegalArgumentException.class);
    }

    static void add(MerkleTree tree, String key, String state) {
        tree.add(KeyDigests.leafOf(bytes(key), tree.leafBits()), KeyDigests.digest(bytes(key), bytes(state)));
    }

    static void replace(MerkleTree tree, String key, String before, String after) {
        tree.replace(KeyDigests.leafOf(bytes(key), tree.leafBits()), KeyDigests.digest(bytes(key), bytes(before)),
                KeyDigests.digest(bytes(key), bytes(after)));
    }

    static void remove(MerkleTree tree, String key, String state) {
        tree.remove(KeyDigests.leafOf(bytes(key), tree.leafBits()), KeyDigests.digest(bytes(key), bytes(state)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
