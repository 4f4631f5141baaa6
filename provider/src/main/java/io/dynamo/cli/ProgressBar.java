package io.dynamo.cli;

/**
 * A text progress bar for long work (repair, join, leave): {@code [######......] 37/64}. Redrawn in
 * place with a carriage return on a terminal; callers print plain lines elsewhere, where a log
 * would fill with carriage returns.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;

    private ProgressBar() {
    }

    /** {@code done} of {@code total} as a bar and a count; a total of 0 draws an empty bar. */
    public static String render(long done, long total) {
        long clamped = Math.max(0, Math.min(done, total));
        int filled = total <= 0 ? 0 : (int) (WIDTH * clamped / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + clamped + "/" + Math.max(total, 0);
    }

    /** True when standard output is a terminal, so that a bar can be redrawn in place. */
    public static boolean onTerminal() {
        return System.console() != null;
    }
}
