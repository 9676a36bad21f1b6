package dev.marcoforge.launcher.generation;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place on a terminal; without a terminal (CI, a pipe) it prints a line only
 * when the counts change, so logs stay readable.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;
    private final boolean terminal = System.console() != null;
    private String last = "";

    public ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = Math.max(total, 1);
    }

    public void update(int solved, int unsolved, int errored, int running) {
        int done = solved + unsolved + errored;
        show(done, String.format("done  solved %d  unsolved %d  errors %d  running %d", solved, unsolved, errored,
                running));
    }

    /** The bar at {@code done} of the total, followed by {@code detail}. */
    public void show(int done, String detail) {
        int filled = WIDTH * Math.min(done, total) / total;
        String line = String.format("[%s%s] %d/%d %s", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                detail);
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    public void finish() {
        if (terminal) {
            out.println();
        }
    }
}
