package io.dynamo.demo;

import java.io.PrintStream;

/**
 * The demo's one screen: narration lines, and one line of live figures under them. On a terminal
 * the figures are redrawn in place every second; elsewhere (a pipe, a test) they are printed once
 * at the end of each phase, so a log reads as a story and not as a thousand carriage returns.
 */
final class Screen {
    private final PrintStream out;
    private final boolean terminal;
    private String figures = "";

    Screen(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A line of the story: what is about to happen or what was seen. */
    synchronized void say(String line) {
        if (terminal) {
            out.print("\r" + " ".repeat(figures.length()) + "\r");
        }
        out.println(line);
        if (terminal) {
            out.print(figures);
        }
        out.flush();
    }

    /** The live figures now: redrawn in place on a terminal, remembered for {@link #endPhase} elsewhere. */
    synchronized void figures(String line) {
        String previous = figures;
        figures = line;
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, previous.length() - line.length())));
            out.flush();
        }
    }

    /** Ends a phase: the figures as they stand, kept on screen. */
    synchronized void endPhase() {
        if (terminal) {
            out.println();
            out.print(figures);
        } else if (!figures.isEmpty()) {
            out.println("   " + figures);
        }
        out.flush();
    }

    /** Leaves the figures' line for the summary. */
    synchronized void finish() {
        if (terminal) {
            out.println();
        }
        figures = "";
        out.flush();
    }
}
