package dev.confext.cli.verity;

import dev.confext.verity.api.VerityProgressEvent;
import dev.confext.verity.api.VerityProgressListener;
import java.io.PrintStream;

/**
 * What {@code --debug} adds to the output: lines starting with {@code "# "} on standard output,
 * where veritysetup writes its debug messages too (scripts that compare its output drop those
 * lines). The lines say what is done and how long hashing took; progress events are passed on to
 * the listener that would otherwise get them.
 */
final class DebugLines implements VerityProgressListener {
    private final PrintStream out;
    private final VerityProgressListener next;
    private long startNanos;

    DebugLines(PrintStream out, VerityProgressListener next) {
        this.out = out;
        this.next = next;
    }

    /** Writes one debug line. */
    static void line(PrintStream out, String text) {
        out.println("# " + text);
    }

    @Override
    public void onEvent(VerityProgressEvent event) {
        if (event instanceof VerityProgressEvent.Started) {
            VerityProgressEvent.Started started = (VerityProgressEvent.Started) event;
            startNanos = System.nanoTime();
            line(out, (started.operation() == VerityProgressEvent.Operation.FORMAT ? "Hashing " : "Verifying ")
                    + started.totalDataBlocks() + " data blocks.");
        } else if (event instanceof VerityProgressEvent.Finished) {
            line(out, "Hash tree " + (((VerityProgressEvent.Finished) event).operation()
                    == VerityProgressEvent.Operation.FORMAT ? "written" : "checked")
                    + " in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms.");
        }
        next.onEvent(event);
    }
}
