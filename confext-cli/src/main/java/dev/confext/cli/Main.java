package dev.confext.cli;

import dev.confext.cli.ddi.DdiCommand;
import dev.confext.cli.extension.ExtensionCommand;
import dev.confext.cli.verity.VerityCommand;
import dev.confext.core.api.ExtensionKind;
import java.io.PrintStream;

/**
 * Entry point of the one jar behind {@code bin/confext}, {@code bin/sysext}, {@code bin/verity} and
 * {@code bin/ddi}. The launcher script names the tool in the system property {@code confext.tool}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String tool = System.getProperty("confext.tool", "");
        NativeStartup.prepare();
        System.exit(run(tool, args, System.out, System.err));
    }

    /** Runs one tool and returns its exit status; never calls {@link System#exit}. */
    public static int run(String tool, String[] args, PrintStream out, PrintStream err) {
        switch (tool) {
            case "confext":
                return ExtensionCommand.run(ExtensionKind.CONFEXT, args, out, err);
            case "sysext":
                return ExtensionCommand.run(ExtensionKind.SYSEXT, args, out, err);
            case "verity":
                return VerityCommand.run(args, out, err);
            case "ddi":
                return DdiCommand.run(args, out, err);
            default:
                err.println("Unknown tool '" + tool + "': run this jar through bin/confext, bin/sysext, bin/verity or bin/ddi.");
                return 2;
        }
    }
}
