package dev.confext.cli.ddi;

import java.io.PrintStream;

/** The `ddi` command line. */
public final class DdiCommand {
    private DdiCommand() {}

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("not built yet");
        return 1;
    }
}
