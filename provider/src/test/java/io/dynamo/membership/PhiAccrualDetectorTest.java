package io.dynamo.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.ring.NodeId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhiAccrualDetectorTest {
    private static final long SECOND = 1_000_000_000L;
    private static final NodeId PEER = new NodeId("n2");

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final PhiAccrualDetector detector =
            new PhiAccrualDetector(8.0, 100, 200_000_000L, SECOND, SECOND, now::get);

    @Test
    void aPeerNeverHeardFromIsGivenTheBenefitOfTheDoubt() {
        assertThat(detector.isUp(PEER)).isTrue();
        assertThat(detector.down()).isEmpty();
    }

    @Test
    void suspicionGrowsWithSilenceAndConvictsAfterSeveralMissedHeartbeats() {
        for (int i = 0; i < 20; i++) {
            detector.heartbeat(PEER);
            now.addAndGet(SECOND);
        }
        assertThat(detector.isUp(PEER)).as("one interval after the last heartbeat").isTrue();
        double early = detector.phi(PEER);
        now.addAndGet(SECOND);
        assertThat(detector.phi(PEER)).isGreaterThan(early);
        now.addAndGet(3 * SECOND);
        assertThat(detector.isUp(PEER)).as("five intervals of silence").isFalse();
        assertThat(detector.down()).containsExactly(PEER);

        detector.heartbeat(PEER);
        assertThat(detector.isUp(PEER)).as("a heartbeat revives it").isTrue();
    }

    @Test
    void anAnswerCountsAsLifeAndARefusedConnectionHoldsDownUntilTheNextSign() {
        detector.heartbeat(PEER);
        now.addAndGet(10 * SECOND);
        assertThat(detector.isUp(PEER)).isFalse();
        detector.alive(PEER);
        assertThat(detector.isUp(PEER)).isTrue();

        detector.failed(PEER);
        assertThat(detector.isUp(PEER)).isFalse();
        assertThat(detector.phi(PEER)).isInfinite();
        detector.alive(PEER);
        assertThat(detector.isUp(PEER)).isTrue();
    }

    @Test
    void anOutageDoesNotTeachTheDetectorToWaitLongerNextTime() {
        for (int i = 0; i < 20; i++) {
            detector.heartbeat(PEER);
            now.addAndGet(SECOND);
        }
        now.addAndGet(60 * SECOND); // down for a minute
        assertThat(detector.isUp(PEER)).isFalse();
        detector.heartbeat(PEER);
        now.addAndGet(5 * SECOND);
        assertThat(detector.isUp(PEER)).as("five silent intervals after it came back").isFalse();
    }

    @Test
    void anIrregularPeerIsGivenMoreSlackThanARegularOne() {
        NodeId jittery = new NodeId("n3");
        for (int i = 0; i < 50; i++) {
            detector.heartbeat(PEER);
            now.addAndGet(SECOND);
        }
        AtomicLong other = new AtomicLong(now.get());
        PhiAccrualDetector second = new PhiAccrualDetector(8.0, 100, 200_000_000L, SECOND, SECOND, other::get);
        for (int i = 0; i < 50; i++) {
            second.heartbeat(jittery);
            other.addAndGet(i % 2 == 0 ? SECOND / 5 : 2 * SECOND - SECOND / 5); // same 1 s mean, wide spread
        }
        now.addAndGet(2 * SECOND);
        other.addAndGet(2 * SECOND);
        assertThat(detector.phi(PEER)).isGreaterThan(second.phi(jittery));
    }
}
