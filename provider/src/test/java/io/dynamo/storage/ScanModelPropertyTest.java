package io.dynamo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.spi.StorageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the sequence of puts and removes, a scan of any partition from any key returns exactly
 * what a sorted map per partition (unsigned byte order) holds, on both engines. Keys are drawn
 * from bytes around the sign and prefix boundaries (0x00, 0x01, 0x7F, 0x80, 0xFF).
 */
class ScanModelPropertyTest {
    private static final int[] PARTITIONS = {0, 1, 255, 256};

    record Op(boolean put, int partition, byte[] key, byte value) {}

    /**
     * One parameter, not two: jqwik 1.9's shrinker moves elements between two collection-like
     * parameters of different element types, and fails with a ClassCastException.
     */
    record Scenario(List<Op> ops, byte[] fromKey) {}

    @Property(tries = 200, seed = "20240601")
    void memoryScansMatchTheModel(@ForAll("scenarios") Scenario scenario) {
        try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
            checkAgainstModel(engine, scenario.ops(), scenario.fromKey());
        }
    }

    @Property(tries = 25, seed = "20240601")
    void rocksDbScansMatchTheModel(@ForAll("scenarios") Scenario scenario) throws IOException {
        Path dir = Files.createTempDirectory("scan-model");
        try {
            try (StorageEngine engine = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
                checkAgainstModel(engine, scenario.ops(), scenario.fromKey());
            }
        } finally {
            delete(dir);
        }
    }

    private static void checkAgainstModel(StorageEngine engine, List<Op> ops, byte[] fromKey) {
        Map<Integer, TreeMap<byte[], Byte>> model = new HashMap<>();
        for (Op op : ops) {
            TreeMap<byte[], Byte> partition =
                    model.computeIfAbsent(op.partition(), p -> new TreeMap<>(Arrays::compareUnsigned));
            if (op.put()) {
                engine.put(op.partition(), op.key(), new byte[] {op.value()});
                partition.put(op.key(), op.value());
            } else {
                engine.remove(op.partition(), op.key());
                partition.remove(op.key());
            }
        }
        for (int p : PARTITIONS) {
            List<String> expected = new ArrayList<>();
            model.getOrDefault(p, new TreeMap<>(Arrays::compareUnsigned)).tailMap(fromKey, true)
                    .forEach((k, v) -> expected.add(StorageEngineContractTest.hex(k) + "=" + v));
            List<String> actual = new ArrayList<>();
            engine.scan(p, fromKey, (k, v) -> actual.add(StorageEngineContractTest.hex(k) + "=" + v[0]));
            assertThat(actual).as("partition %d from %s", p, StorageEngineContractTest.hex(fromKey))
                    .isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(ops(), keys()).as(Scenario::new);
    }

    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 3).map(i -> i != 0), // 3 puts : 1 remove
                        Arbitraries.of(0, 1, 255, 256),
                        keys().filter(k -> k.length > 0),
                        Arbitraries.bytes())
                .as(Op::new);
        return op.list().ofMaxSize(40);
    }

    Arbitrary<byte[]> keys() {
        // Each char is one ISO-8859-1 byte.
        return Arbitraries.strings().withChars('\u0000', '\u0001', '\u007f', '\u0080', '\u00ff')
                .ofMaxLength(4)
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
