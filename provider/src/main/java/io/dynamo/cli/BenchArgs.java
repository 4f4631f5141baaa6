package io.dynamo.cli;

import java.util.ArrayList;
import java.util.List;

/** Bench options as words, for a bench run that sets some of them itself. */
final class BenchArgs {
    private BenchArgs() {}

    /** {@code args} without the given options and their values ({@code --duration 20s} and {@code --duration=20s} alike). */
    static List<String> without(List<String> args, String... options) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean dropped = false;
            for (String option : options) {
                if (arg.equals(option) || arg.startsWith(option + "=")) {
                    dropped = true;
                    i += arg.equals(option) ? 1 : 0; // its value is the next word
                    break;
                }
            }
            if (!dropped) {
                out.add(arg);
            }
        }
        return out;
    }
}
