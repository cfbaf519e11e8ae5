package dev.confext.cli.verity;

import java.io.PrintStream;

/** The `verity` command line. */
public final class VerityCommand {
    private VerityCommand() {}

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("not built yet");
        return 1;
    }
}
