package io.dynamo.cli;

import io.dynamo.cli.bench.BenchDurations;
import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.config.MetricsConfig;
import io.dynamo.config.NodeDefaults;
import io.dynamo.config.ReadConfig;
import io.dynamo.storage.SyncPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How {@code bin/dynamo node} writes setting values: the text of an on/off or sync flag, and the
 * defaults it shows and applies, which are {@link NodeDefaults}' (so the CLI keeps no second copy).
 */
final class NodeFlags implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        return switch (option.longestName()) {
            case "--engine" -> NodeDefaults.ENGINE.name().toLowerCase(Locale.ROOT);
            case "--partitions" -> Integer.toString(NodeDefaults.PARTITIONS);
            case "--sync" -> text(NodeDefaults.SYNC);
            case "--hinted-handoff" -> NodeDefaults.HINTED_HANDOFF ? "on" : "off";
            case "--anti-entropy-interval" -> text(NodeDefaults.ANTI_ENTROPY_INTERVAL);
            case "--repair-rate" -> AntiEntropyConfig.formatRate(NodeDefaults.REPAIR_BYTES_PER_SECOND);
            case "--tombstone-grace" -> text(NodeDefaults.TOMBSTONE_GRACE);
            case "--anti-entropy-replicas" -> Integer.toString(NodeDefaults.ANTI_ENTROPY_REPLICAS);
            case "--metrics-port" -> NodeDefaults.METRICS_PORT.isPresent() ? Integer.toString(NodeDefaults.METRICS_PORT.getAsInt()) : "off";
            case "--max-clock-skew" -> text(NodeDefaults.MAX_CLOCK_SKEW);
            case "--hedge-delay" -> text(ReadConfig.defaults());
            default -> null;
        };
    }

    static boolean onOff(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(option + " must be on or off, got '" + value + "'");
        };
    }

    /** {@code off}, or the port of the metrics endpoint (0: a free one). */
    static MetricsConfig metrics(String value) {
        if (value.equalsIgnoreCase("off")) {
            return new MetricsConfig(OptionalInt.empty());
        }
        try {
            return MetricsConfig.on(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics-port must be a port (0 for a free one) or off, got '" + value + "'");
        }
    }

    /** {@code auto}, {@code off}, or a duration such as {@code 5ms}. */
    static ReadConfig hedgeDelay(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("auto")) {
            return ReadConfig.auto();
        } else if (text.equals("off")) {
            return ReadConfig.off();
        }
        Duration delay;
        try {
            delay = BenchDurations.parse("--hedge-delay", text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--hedge-delay must be auto, off or a duration such as 5ms, got '" + value + "'");
        }
        if (delay.isZero()) {
            throw new IllegalArgumentException("--hedge-delay must be positive (off turns hedging off), got '" + value + "'");
        }
        return ReadConfig.fixed(delay);
    }

    static String text(ReadConfig read) {
        return read.hedge() == ReadConfig.Hedge.FIXED ? text(read.hedgeDelay()) : read.hedge().name().toLowerCase(Locale.ROOT);
    }

    static SyncPolicy sync(String value) {
        for (SyncPolicy p : SyncPolicy.values()) {
            if (text(p).equals(value.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("--sync must be none or every-write, got '" + value + "'");
    }

    static String text(SyncPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whole hours as {@code 1h}, whole seconds as {@code 60s}, else milliseconds: as BenchDurations reads them. */
    static String text(Duration d) {
        if (!d.isZero() && d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
