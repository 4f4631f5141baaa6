package io.dynamo.cli.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as typed on the command line: {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, or a
 * bare number of seconds ({@code 30}); decimals are allowed ({@code 1.5s}).
 */
public final class BenchDurations {
    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private BenchDurations() {}

    /**
     * Parses {@code text}; {@code option} (e.g. "--duration") only names the culprit in the
     * IllegalArgumentException thrown for malformed or negative input.
     */
    public static Duration parse(String option, String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " must be a duration such as 500ms, 20s, 2m, 1h"
                    + " or a number of seconds, got '" + text + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal nanosPerUnit = switch (unit) {
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
            default -> throw new AssertionError(unit);
        };
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(option + " is too long, got '" + text + "'");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** Seconds as a plain number for reports: "20" for whole seconds, "0.5" otherwise. */
    static String seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros();
        return s.scale() <= 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}
