package io.dynamo.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Node ids and the ID@HOST:PORT[/ZONE] syntax operators type. */
class MemberTest {
    @Test
    void parsesIdHostPortAndOptionalZone() {
        assertThat(Member.parse("node-1@10.0.0.5:7000"))
                .isEqualTo(new Member(new NodeId("node-1"), "10.0.0.5", 7000, ""));
        assertThat(Member.parse("n_2@db.example.com:65535/eu-west.1"))
                .isEqualTo(new Member(new NodeId("n_2"), "db.example.com", 65535, "eu-west.1"));
        assertThat(Member.parse("v6@[::1]:1").host()).isEqualTo("::1");
        assertThat(Member.parse("v6@[::1]:1").spec()).isEqualTo("v6@[::1]:1");
        assertThat(Member.parse("a@h:1").hasZone()).isFalse();
        assertThat(Member.parse("a@h:1/z").toString()).isEqualTo("a@h:1/z");
        assertThat(Member.parse("a@h:7000").hostPort()).isEqualTo("h:7000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a@", "a@h", "a@h:", "@h:1", "a@:1", "a@h:0", "a@h:65536", "a@h:-1",
        "a@h:+1", "a@h:12x", "a@h:1/", "a@h:1/bad zone", "a b@h:1", "a@h h:1", "a@::1:7", "a@h:99999999999"})
    void malformedSpecsAreRejectedClearly(String spec) {
        assertThatThrownBy(() -> Member.parse(spec)).isInstanceOf(RingException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Test
    void errorsNameWhatIsWrong() {
        assertThatThrownBy(() -> Member.parse("a@h:0")).hasMessageContaining("port '0'");
        assertThatThrownBy(() -> Member.parse("ah:1")).hasMessageContaining("no '@'");
        assertThatThrownBy(() -> Member.parse("a@h")).hasMessageContaining("no ':PORT'");
        assertThatThrownBy(() -> Member.parse("a/b@h:1")).hasMessageContaining("bad character '/'");
        assertThatThrownBy(() -> Member.parse(null)).isInstanceOf(RingException.class);
    }

    @Test
    void memberFieldsAreValidated() {
        NodeId id = new NodeId("a");
        assertThatThrownBy(() -> new Member(null, "h", 1, "")).isInstanceOf(RingException.class);
        assertThatThrownBy(() -> new Member(id, null, 1, "")).isInstanceOf(RingException.class);
        assertThatThrownBy(() -> new Member(id, "", 1, "")).isInstanceOf(RingException.class);
        assertThatThrownBy(() -> new Member(id, "h", 0, "")).hasMessageContaining("port 0");
        assertThatThrownBy(() -> new Member(id, "h", 70000, "")).hasMessageContaining("port 70000");
        assertThatThrownBy(() -> new Member(id, "h", 1, null)).hasMessageContaining("zone must not be null");
        assertThatThrownBy(() -> new Member(id, "h", 1, "a zone")).isInstanceOf(RingException.class);
    }

    @Test
    void nodeIdsAreOneToSixtyFourSafeCharacters() {
        assertThat(new NodeId("A.b_c-9").toString()).isEqualTo("A.b_c-9");
        assertThat(new NodeId("x".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> new NodeId("x".repeat(65))).isInstanceOf(RingException.class)
                .hasMessageContaining("1-64");
        assertThatThrownBy(() -> new NodeId("")).isInstanceOf(RingException.class).hasMessageContaining("1-64");
        assertThatThrownBy(() -> new NodeId(null)).isInstanceOf(RingException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> new NodeId("é")).isInstanceOf(RingException.class)
                .hasMessageContaining("bad character");
        assertThat(new NodeId("a").compareTo(new NodeId("b"))).isNegative();
    }

    @Property(tries = 300, seed = "4207")
    void specRoundTripsThroughParse(
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 64) String id,
            @ForAll @AlphaChars @StringLength(min = 1, max = 30) String host,
            @ForAll @IntRange(min = 1, max = 65535) int port,
            @ForAll @AlphaChars @StringLength(max = 10) String zone) {
        Member member = new Member(new NodeId(id), host, port, zone);
        assertThat(Member.parse(member.spec())).isEqualTo(member);
    }
}
