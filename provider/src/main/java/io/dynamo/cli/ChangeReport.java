package io.dynamo.cli;

import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;

/** {@code admin join|leave}: a change's plan, or how far it went (§4.9: partitions, keys and bytes moved). */
record ChangeReport(String plan, boolean dryRun, boolean done, int moved, int total, long keys, long bytes, long elapsedMillis, String error)
        implements OutputOptions.Report {

    static ChangeReport planned(ChangeProgress p) {
        return new ChangeReport(p.description(), true, false, p.moved(), p.total(), p.keys(), p.bytes(), p.elapsedMillis(), p.error());
    }

    static ChangeReport finished(ChangeProgress p) {
        return new ChangeReport(p.description(), false, !p.running() && p.error().isEmpty(), p.moved(), p.total(), p.keys(), p.bytes(),
                p.elapsedMillis(), p.error());
    }

    @Override
    public String human() {
        if (dryRun) {
            return "plan: " + plan + String.format("%nwould stream %d keys, %d bytes; nothing moved", keys, bytes)
                    + (error.isEmpty() ? "" : "\nincomplete: " + error);
        }
        return error.isEmpty() ? "done: " + line(moved, total, keys, bytes, elapsedMillis, false) : "stopped: " + error;
    }

    static String progressLine(ChangeProgress p) {
        return line(p.moved(), p.total(), p.keys(), p.bytes(), p.elapsedMillis(), p.running());
    }

    private static String line(int moved, int total, long keys, long bytes, long elapsedMillis, boolean running) {
        double seconds = Math.max(elapsedMillis, 1) / 1000.0;
        double rate = bytes / seconds;
        String remaining = moved == 0 || !running ? "-" : String.format("~%.0fs", seconds * (total - moved) / moved);
        return String.format("partitions %d/%d, %d keys, %d bytes moved, %.1f KB/s, %.1fs elapsed, remaining %s", moved, total, keys, bytes,
                rate / 1024, seconds, remaining);
    }
}
