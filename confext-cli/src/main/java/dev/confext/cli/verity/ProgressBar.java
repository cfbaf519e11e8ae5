package dev.confext.cli.verity;

import dev.confext.verity.api.VerityProgressEvent;
import dev.confext.verity.api.VerityProgressListener;
import java.io.PrintStream;

/** Draws a one-line progress bar on a terminal from progress events; redraws at most once per percent. */
final class ProgressBar implements VerityProgressListener {
    private static final int WIDTH = 40;
    private final PrintStream terminal;
    private final long startNanos = System.nanoTime();
    private int shownPercent = -1;

    ProgressBar(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public void onEvent(VerityProgressEvent event) {
        if (event instanceof VerityProgressEvent.Advanced) {
            VerityProgressEvent.Advanced a = (VerityProgressEvent.Advanced) event;
            int percent = (int) (a.fraction() * 100);
            if (percent == shownPercent) {
                return;
            }
            shownPercent = percent;
            int filled = percent * WIDTH / 100;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            terminal.print("\r" + (a.operation() == VerityProgressEvent.Operation.FORMAT ? "Hashing   " : "Verifying ")
                    + "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + String.format("%3d%% %6.1fs", percent, seconds));
            terminal.flush();
        } else if (event instanceof VerityProgressEvent.Finished && shownPercent >= 0) {
            terminal.print("\r" + " ".repeat(WIDTH + 30) + "\r");
            terminal.flush();
        }
    }
}
