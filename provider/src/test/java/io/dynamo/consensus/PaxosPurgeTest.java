package io.dynamo.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.replica.LocalReplica;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaxosPurgeTest {
    private static final Duration GRACE = Duration.ofHours(1);
    private static final long NOW = 1_800_000_000_000L;
    private static final long OLD = NOW - GRACE.toMillis() - 1;
    private static final long RECENT = NOW - GRACE.toMillis() + 1000;

    private final PaxosStore store = new PaxosStore(StorageEngines.memory(EngineOptions.defaults()));
    private final Acceptor acceptor = new Acceptor(store, new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100));
    private final PaxosPurge purge = new PaxosPurge(acceptor, () -> 4, GRACE, () -> NOW);

    @Test
    void aKeyWhoseRoundsEndedLongerThanTheGraceAgoIsForgotten() {
        save("settled", settled(OLD));
        assertThat(purge.runOnce()).isEqualTo(1);
        assertThat(store.find("c", 1, key("settled"))).isEmpty();
    }

    @Test
    void aRecentPromiseOrCommitStays() {
        save("promised", new PaxosState(ballot(RECENT), Optional.empty(), ballot(OLD), List.of()));
        save("committed", new PaxosState(ballot(OLD), Optional.empty(), ballot(RECENT), List.of()));
        assertThat(purge.runOnce()).isZero();
        assertThat(store.find("c", 1, key("promised"))).isPresent();
        assertThat(store.find("c", 1, key("committed"))).isPresent();
    }

    @Test
    void anAcceptedProposalNotKnownCommittedStaysWhateverItsAge() {
        Proposal inProgress = new Proposal(ballot(OLD), new byte[16], new byte[] {1});
        save("in-progress", new PaxosState(ballot(OLD), Optional.of(inProgress), Ballot.NONE, List.of()));
        assertThat(purge.runOnce()).isZero();
        assertThat(store.find("c", 1, key("in-progress"))).isPresent();
    }

    @Test
    void everySettledKeyOfAPartitionGoesAlsoBeyondOneBatch() {
        for (int i = 0; i < 2_500; i++) {
            save("k" + i, settled(OLD));
        }
        save("recent", settled(RECENT));
        assertThat(purge.runOnce()).isEqualTo(2_500);
        assertThat(store.find("c", 1, key("recent"))).isPresent();
    }

    private void save(String k, PaxosState state) {
        store.save("c", 1, key(k), state);
    }

    private static PaxosState settled(long millis) {
        return new PaxosState(ballot(millis), Optional.empty(), ballot(millis), List.of(new byte[16]));
    }

    private static Ballot ballot(long millis) {
        return new Ballot(millis << 16, "n1");
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }
}
