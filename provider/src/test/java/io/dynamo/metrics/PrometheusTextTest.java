package io.dynamo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void samplesAreReadWithTheirLabelsAndCommentsAreSkipped() {
        PrometheusText t = PrometheusText.parse("""
                # HELP dynamo_requests_seconds client requests
                # TYPE dynamo_requests_seconds summary
                dynamo_requests_seconds{node="n1",operation="get",outcome="ok",quantile="0.5"} 0.0012
                dynamo_requests_seconds_count{node="n1",operation="get",outcome="ok"} 42
                dynamo_requests_seconds_count{node="n1",operation="put",outcome="ok"} 8
                dynamo_gossip_phi{node="n1",peer="we\\"ird, one"} +Inf
                process_uptime_seconds 12.5
                """);
        assertThat(t.sum("dynamo_requests_seconds_count")).isEqualTo(50);
        assertThat(t.sum("dynamo_requests_seconds_count", "operation", "get")).isEqualTo(42);
        assertThat(t.sum("dynamo_requests_seconds", "quantile", "0.5")).isEqualTo(0.0012);
        assertThat(t.find("dynamo_gossip_phi").get(0).labels()).containsEntry("peer", "we\"ird, one");
        assertThat(t.sum("dynamo_gossip_phi")).isInfinite();
        assertThat(t.sum("process_uptime_seconds")).isEqualTo(12.5);
        assertThat(t.find("absent")).isEmpty();
    }

    @Test
    void aLineThatIsNoSampleIsRefused() {
        assertThatThrownBy(() -> PrometheusText.parse("garbage")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage");
    }
}
