package io.dynamo.fuzz;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one decoder over mutations of a corpus for a bounded time: every input must decode or
 * throw one of the decoder's documented exceptions, and no input may allocate far more than its
 * own size (an unchecked length or count would). Inputs that decode join the pool, so later
 * mutations start from more varied valid shapes.
 *
 * <p>Budget: {@code -Dfuzz.seconds} per decoder family (default 2, the suite stays quick; CI's
 * fuzz job gives more); seed: {@code -Dfuzz.seed}. A failure names the seed, the input number
 * and the input in hex, so it can be replayed and added to the corpus.
 */
public final class Fuzzing {
    /** Allocation allowed beyond {@link #BYTES_PER_INPUT_BYTE} per input byte: fixed-size tables (a ring's owners). */
    private static final long FIXED_ALLOWANCE = 1 << 20;
    private static final long BYTES_PER_INPUT_BYTE = 64;
    private static final int MAX_POOL = 512;

    private Fuzzing() {}

    /** A decoder under test: returns normally or throws. */
    @FunctionalInterface
    public interface Target {
        void decode(byte[] input) throws Exception;
    }

    /**
     * Fuzzes {@code target} and returns the number of inputs run.
     *
     * @param allowed the exception types the decoder documents for bad input
     */
    @SafeVarargs
    public static long run(String family, List<byte[]> corpus, Target target, Class<? extends Throwable>... allowed) {
        if (corpus.isEmpty()) {
            fail("empty fuzz corpus for " + family);
        }
        long seed = Long.getLong("fuzz.seed", 0x5EED_D7AL);
        long deadline = System.nanoTime() + (long) (Double.parseDouble(System.getProperty("fuzz.seconds", "2")) * 1e9);
        Mutator mutator = new Mutator(seed ^ family.hashCode());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<byte[]> pool = new ArrayList<>(corpus);
        long runs = 0;
        long decoded = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = runs < corpus.size() ? corpus.get((int) runs) : mutator.mutate(pool.get((int) (runs % pool.size())), pool);
            runs++;
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                target.decode(input);
                decoded++;
                if (pool.size() < MAX_POOL) {
                    pool.add(input);
                }
            } catch (Throwable t) {
                if (!isAllowed(t, allowed)) {
                    throw new AssertionError(describe(family, seed, runs, input) + " threw " + t, t);
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // The corpus pass warms the decoder up (class loading and first-use tables allocate once).
            if (runs > corpus.size() && allocated > FIXED_ALLOWANCE + BYTES_PER_INPUT_BYTE * input.length) {
                fail(describe(family, seed, runs, input) + " allocated " + allocated + " bytes");
            }
        }
        System.out.printf("fuzz %-16s %,10d inputs (%,d decoded) seed %d%n", family, runs, decoded, seed);
        return runs;
    }

    private static boolean isAllowed(Throwable t, Class<? extends Throwable>[] allowed) {
        for (Class<? extends Throwable> type : allowed) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(String family, long seed, long run, byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 512));
        return "fuzz " + family + " (seed " + seed + ", input #" + run + ", " + input.length + " bytes: " + hex + ")";
    }

    /** The seed inputs of {@code fuzz-corpus/<family>/} on the test class path. */
    public static List<byte[]> corpus(String family) {
        URL dir = Fuzzing.class.getResource("/fuzz-corpus/" + family);
        if (dir == null) {
            fail("no fuzz corpus at fuzz-corpus/" + family);
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    inputs.add(in.readAllBytes());
                }
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
