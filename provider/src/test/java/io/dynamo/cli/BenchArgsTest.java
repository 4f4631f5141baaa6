package io.dynamo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchArgsTest {
    @Test
    void optionsAreDroppedWithTheirValuesInEitherSpelling() {
        List<String> args = List.of("--threads", "16", "--duration", "20s", "--warmup=5s", "--json", "out.json", "--read-proportion", "0.9");
        assertThat(BenchArgs.without(args, "--duration", "--warmup", "--json")).containsExactly("--threads", "16", "--read-proportion", "0.9");
        assertThat(BenchArgs.without(args, "--dur")).as("a prefix of an option is another option").isEqualTo(args);
    }
}
