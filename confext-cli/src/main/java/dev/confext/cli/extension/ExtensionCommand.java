package dev.confext.cli.extension;

import dev.confext.core.api.ExtensionKind;
import java.io.PrintStream;

/** The `extension` command line. */
public final class ExtensionCommand {
    private ExtensionCommand() {}

    /** Runs the command and returns its exit status. */
    public static int run(ExtensionKind kind, String[] args, PrintStream out, PrintStream err) {
        err.println("not built yet");
        return 1;
    }
}
