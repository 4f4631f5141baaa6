package io.dynamo.launcher;

import java.util.ArrayList;
import java.util.List;

/** A node's {@code dynamo node} options, always in pairs {@code --name value}. */
final class NodeArgs {
    private NodeArgs() {
    }

    /** The cluster-wide options, each replaced by the node's own option of the same name, then the node's own. */
    static List<String> merge(List<String> common, List<String> own) {
        requirePairs(common);
        requirePairs(own);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < common.size(); i += 2) {
            if (!names(own).contains(common.get(i))) {
                out.add(common.get(i));
                out.add(common.get(i + 1));
            }
        }
        out.addAll(own);
        return out;
    }

    /** True when a node with these options joins a running cluster through {@code --seeds}, so it is no static member. */
    static boolean joins(List<String> args) {
        return names(args).contains("--seeds");
    }

    /** True unless the node joins through {@code --seeds} or takes its members from ZooKeeper ({@code --zk}). */
    static boolean needsMembers(List<String> args) {
        List<String> names = names(args);
        return !names.contains("--seeds") && !names.contains("--zk");
    }

    static void requirePairs(List<String> args) {
        if (args.size() % 2 != 0) {
            throw new IllegalArgumentException("node options come in pairs (--name value), got " + args);
        }
        for (int i = 0; i < args.size(); i += 2) {
            if (!args.get(i).startsWith("--")) {
                throw new IllegalArgumentException("node option names start with --, got '" + args.get(i) + "' in " + args);
            }
        }
    }

    private static List<String> names(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            out.add(args.get(i));
        }
        return out;
    }
}
