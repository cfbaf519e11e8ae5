package dev.confext.cli.verity;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code verity} command line: {@code format}, {@code verify} and {@code dump} with
 * veritysetup's option names, output and exit statuses, plus {@code --threads}.
 */
public final class VerityCommand {
    private VerityCommand() {}

    private static final String VERSION = "verity (confext) 0.1.0, compatible with veritysetup 2.6";

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        VerityOptions options = QuickParser.parse(args).orElse(null);
        if (options == null) {
            options = new VerityOptions();
            CommandLine commandLine = picocli(options);
            try {
                commandLine.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                err.println("verity: " + e.getMessage());
                err.println("Try 'verity --help' for more information.");
                return VerityExit.INVALID;
            }
            if (options.help) {
                commandLine.usage(out);
                return VerityExit.OK;
            }
            if (options.version) {
                out.println(VERSION);
                return VerityExit.OK;
            }
            if (options.usage) {
                out.println("Usage: " + commandLine.getHelp().synopsis(0).stripTrailing());
                return VerityExit.OK;
            }
        }
        if (options.debug) {
            options.verbose = true;
            DebugLines.line(out, VERSION + "; command line: verity " + String.join(" ", args));
        }
        int status = dispatch(options, out, err);
        if (options.verbose) {
            out.println(status == VerityExit.OK ? "Command successful." : VerityExit.describe(status));
        }
        return status;
    }

    /** The reference parser (also used for help, version and errors). */
    static CommandLine picocli(VerityOptions options) {
        CommandLine commandLine = new CommandLine(options);
        commandLine.setOverwrittenOptionsAllowed(true);
        return commandLine;
    }

    private static int dispatch(VerityOptions options, PrintStream out, PrintStream err) {
        List<String> a = options.arguments;
        if (a.isEmpty()) {
            err.println("verity: Argument <action> missing.");
            err.println("Try 'verity --help' for more information.");
            return VerityExit.INVALID;
        }
        String action = a.get(0);
        List<String> rest = a.subList(1, a.size());
        switch (action) {
            case "open":
            case "close":
            case "status":
                return usage(err, "The " + action + " action needs device-mapper, which this tool does not drive;"
                        + " use veritysetup " + action + ".");
            default:
                break;
        }
        List<String> deviceMapperOnly = options.deviceMapperOptions();
        if (!deviceMapperOnly.isEmpty()) {
            return usage(err, "Option " + deviceMapperOnly.get(0) + " is not allowed with " + action + " action.");
        }
        if (options.debug) {
            DebugLines.line(out, "Action: " + action + ".");
        }
        switch (action) {
            case "format":
                if (rest.size() < 2) { // further arguments are ignored, as by veritysetup
                    return usage(err, "format: requires <data_device> <hash_device> as arguments");
                }
                return new FormatAction(options, out, err).run(rest.get(0), rest.get(1));
            case "verify":
                if (rest.size() < 2) {
                    return usage(err, "verify: requires <data_device> <hash_device> [<root_hash>] as arguments");
                }
                if (rest.size() == 2 && options.rootHashFile == null) {
                    err.println("Command requires <root_hash> or --root-hash-file option as argument.");
                    return VerityExit.INVALID;
                }
                // as in veritysetup, --root-hash-file wins over a root hash operand
                return new VerifyAction(options, out, err).run(rest.get(0), rest.get(1),
                        rest.size() >= 3 && options.rootHashFile == null ? rest.get(2) : null);
            case "dump":
                if (rest.isEmpty()) {
                    return usage(err, "dump: requires <hash_device> as arguments");
                }
                return new DumpAction(options, out, err).run(rest.get(0));
            default:
                return usage(err, "Unknown action.");
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("verity: " + message);
        err.println("Try 'verity --help' for more information.");
        return VerityExit.INVALID;
    }
}
