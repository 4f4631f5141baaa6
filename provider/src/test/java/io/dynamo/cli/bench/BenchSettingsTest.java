package io.dynamo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchSettingsTest {
    private static final Duration D = Duration.ofSeconds(20);

    @Test
    void defaultsMatchThePeerBenchmarkShape() {
        BenchSettings s = BenchSettings.of(16, D, 100_000, 100, 0.5);
        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.seed()).isEqualTo(BenchSettings.DEFAULT_SEED);
        assertThat(s.preload()).isTrue();
        assertThat(s.json()).isEmpty();
        assertThat(s.readPct()).isEqualTo(50.0);
    }

    @Test
    void withersChangeOneFieldOnly() {
        BenchSettings s = BenchSettings.of(4, D, 10, 1, 0.9)
                .withWarmup(Duration.ZERO).withSeed(7).withPreload(false)
                .withPreloadTimeout(Duration.ofSeconds(3)).withJson(Path.of("out.json"));
        assertThat(s).isEqualTo(new BenchSettings(4, D, Duration.ZERO, 10, 1, 0.9, 7, false,
                Duration.ofSeconds(3), Optional.of(Path.of("out.json")), 0.0));
    }

    @Test
    void acceptsTheEdgesOfEveryRange() {
        BenchSettings s = new BenchSettings(1, Duration.ofNanos(1), Duration.ZERO, 1, 0, 0.0, -1, false,
                Duration.ofMillis(1), Optional.empty(), 0.0);
        assertThat(s.readProportion()).isZero();
        assertThat(BenchSettings.of(1, D, 1, 0, 1.0).readProportion()).isEqualTo(1.0);
    }

    @Test
    void aRateMakesAnOpenLoopAndWithoutOneTheLoopIsClosed() {
        BenchSettings closed = BenchSettings.of(4, D, 10, 1, 0.5);
        assertThat(closed.openLoop()).isFalse();
        assertThat(closed.loop()).isEqualTo("closed");
        BenchSettings open = closed.withRate(2500);
        assertThat(open.openLoop()).isTrue();
        assertThat(open.loop()).isEqualTo("open");
        assertThat(open.rate()).isEqualTo(2500.0);
        assertThatThrownBy(() -> closed.withRate(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("--rate must be greater than 0, got 0.0");
        assertThatThrownBy(() -> closed.withRate(-5)).hasMessage("--rate must be greater than 0, got -5.0");
        assertThatThrownBy(() -> closed.withRate(Double.NaN)).hasMessage("--rate must be greater than 0, got NaN");
        assertThatThrownBy(() -> closed.withRate(Double.POSITIVE_INFINITY)).hasMessage("--rate must be a finite number of operations per second, got Infinity");
    }

    @Test
    void thePreloadTimeoutGrowsWithTheKeySpace() {
        assertThat(BenchSettings.of(16, D, 100_000, 100, 0.5).preloadTimeout()).isEqualTo(BenchSettings.DEFAULT_PRELOAD_TIMEOUT);
        assertThat(BenchSettings.of(16, D, 10_000_000, 100, 0.5).preloadTimeout()).isEqualTo(Duration.ofSeconds(10_000));
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> BenchSettings.of(0, D, 10, 1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--threads must be at least 1, got 0");
        assertThatThrownBy(() -> BenchSettings.of(1, Duration.ZERO, 10, 1, 0.5))
                .hasMessage("--duration must be greater than 0, got PT0S");
        assertThatThrownBy(() -> BenchSettings.of(1, Duration.ofSeconds(-1), 10, 1, 0.5))
                .hasMessageStartingWith("--duration must be greater than 0");
        assertThatThrownBy(() -> BenchSettings.of(1, D, 10, 1, 0.5).withWarmup(Duration.ofMillis(-1)))
                .hasMessageStartingWith("--warmup must be 0 or more");
        assertThatThrownBy(() -> BenchSettings.of(1, D, 0, 1, 0.5))
                .hasMessage("--keys must be at least 1, got 0");
        assertThatThrownBy(() -> BenchSettings.of(1, D, 10, -1, 0.5))
                .hasMessage("--value-size must be 0 or more, got -1");
        assertThatThrownBy(() -> BenchSettings.of(1, D, 10, 1, 1.5))
                .hasMessage("--read-proportion must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> BenchSettings.of(1, D, 10, 1, -0.1))
                .hasMessage("--read-proportion must be between 0 and 1, got -0.1");
        assertThatThrownBy(() -> BenchSettings.of(1, D, 10, 1, Double.NaN))
                .hasMessage("--read-proportion must be between 0 and 1, got NaN");
        assertThatThrownBy(() -> BenchSettings.of(1, D, 10, 1, 0.5).withPreloadTimeout(Duration.ZERO))
                .hasMessageStartingWith("preload timeout must be greater than 0");
    }

    @Test
    void parsesDurationsAsTypedOnTheCommandLine() {
        assertThat(BenchDurations.parse("--duration", "20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(BenchDurations.parse("--duration", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchDurations.parse("--duration", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchDurations.parse("--duration", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchDurations.parse("--duration", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(BenchDurations.parse("--duration", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(BenchDurations.parse("--warmup", " 0 ")).isEqualTo(Duration.ZERO);
        assertThat(BenchDurations.parse("--duration", "10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsMalformedDurationsNamingOptionAndText() {
        for (String bad : new String[] {"", "abc", "-5s", "5x", "s", "1.s", "5 sec", "1e3"}) {
            assertThatThrownBy(() -> BenchDurations.parse("--duration", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--duration must be a duration such as 500ms, 20s, 2m, 1h or a number of seconds, got '"
                            + bad + "'");
        }
        assertThatThrownBy(() -> BenchDurations.parse("--duration", null))
                .hasMessageEndingWith("got 'null'");
        assertThatThrownBy(() -> BenchDurations.parse("--duration", "99999999999999h"))
                .hasMessage("--duration is too long, got '99999999999999h'");
    }

    @Test
    void picocliConverterReportsTheSameProblem() throws Exception {
        assertThat(new BenchDurationConverter().convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> new BenchDurationConverter().convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("got 'soon'");
    }

    @Test
    void formatsSecondsPlainly() {
        assertThat(BenchDurations.seconds(Duration.ofSeconds(20))).isEqualTo("20");
        assertThat(BenchDurations.seconds(Duration.ofMillis(500))).isEqualTo("0.5");
        assertThat(BenchDurations.seconds(Duration.ZERO)).isEqualTo("0");
    }

    @Property(tries = 200)
    void everyUnitRoundTrips(@ForAll @LongRange(min = 0, max = 100_000_000L) long n) {
        assertThat(BenchDurations.parse("--d", n + "ms")).isEqualTo(Duration.ofMillis(n));
        assertThat(BenchDurations.parse("--d", n + "s")).isEqualTo(Duration.ofSeconds(n));
        assertThat(BenchDurations.parse("--d", Long.toString(n))).isEqualTo(Duration.ofSeconds(n));
        assertThat(BenchDurations.parse("--d", n + "m")).isEqualTo(Duration.ofMinutes(n));
    }
}
