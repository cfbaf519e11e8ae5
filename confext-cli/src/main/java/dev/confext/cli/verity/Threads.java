package dev.confext.cli.verity;

import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityProgressListener;
import java.io.PrintStream;

/** The {@link VerityFormat} and progress listener the options ask for. */
final class Threads {
    private Threads() {}

    static VerityFormat format(VerityOptions o) {
        if (o.threads == null) {
            return VerityFormat.defaults();
        }
        if (o.threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, not " + o.threads + ".");
        }
        return VerityFormat.withThreads(o.threads);
    }

    /**
     * A progress bar on {@code err} when the process runs on a terminal, else nothing; with
     * {@code --debug}, debug lines on {@code out} as well.
     */
    static VerityProgressListener progress(VerityOptions options, PrintStream out, PrintStream err) {
        VerityProgressListener bar = System.console() != null ? new ProgressBar(err) : VerityProgressListener.NONE;
        return options.debug ? new DebugLines(out, bar) : bar;
    }
}
