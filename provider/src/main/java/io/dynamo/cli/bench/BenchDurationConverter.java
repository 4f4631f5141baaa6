package io.dynamo.cli.bench;

import java.time.Duration;
import picocli.CommandLine;

/**
 * picocli converter for {@code --duration} and {@code --warmup}: {@code 500ms}, {@code 20s},
 * {@code 2m}, {@code 1h} or a bare number of seconds. Use as
 * {@code @Option(names = "--duration", converter = BenchDurationConverter.class)}; picocli prefixes
 * the message with the option's name.
 */
public final class BenchDurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return BenchDurations.parse("value", value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
