package dev.confext.cli.extension;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code confext} and {@code sysext} command line: {@code [OPTIONS...] [VERB]} with systemd's options
 * and verbs ({@code status} when none is named), plus our {@code plan} verb and {@code --explain} /
 * {@code --skip-broken} options. Parses the arguments into {@link ExtensionOptions} and runs the verb.
 */
public final class ExtensionCommand {
    /** What {@code --version} prints after the tool name. */
    static final String VERSION = "0.1.0 (compatible with systemd 262)";

    private ExtensionCommand() {}

    /** Runs the command with the process environment and returns its exit status. */
    public static int run(ExtensionKind kind, String[] args, PrintStream out, PrintStream err) {
        return run(kind, args, System.getenv(), Verbs.standard(), out, err);
    }

    /**
     * Runs the command and returns its exit status: 0 on success, 1 on any failure (as systemd).
     *
     * @param environment the variables the verbs see (mutable mode, hierarchies, ...)
     * @param verbs       the verbs to dispatch to
     */
    static int run(ExtensionKind kind, String[] args, Map<String, String> environment, Verbs verbs,
            PrintStream out, PrintStream err) {
        try {
            ExtensionCommandLine line = parse(kind, args);
            Optional<ExtensionCommandLine.Stop> stop = line.stop();
            if (stop.isPresent()) {
                return stopEarly(kind, stop.get(), out, err);
            }
            ExtensionOptions options = toOptions(kind, line, environment);
            List<String> operands = line.operands();
            String name = operands.isEmpty() ? Verbs.DEFAULT_VERB : operands.get(0);
            Verb verb = verbs.find(name)
                    .orElseThrow(() -> new UsageException("Unknown command verb '" + name + "'."));
            if (operands.size() > 1) {
                throw new UsageException("Too many arguments.");
            }
            return verb.run(options, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // A bug, or output that cannot be written: say what happened without a stack trace, unless
            // asked for one the systemd way.
            err.println("Unexpected failure: " + e);
            if ("debug".equals(environment.get("SYSTEMD_LOG_LEVEL"))) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static ExtensionCommandLine parse(ExtensionKind kind, String[] args) throws UsageException {
        GnuArguments.Result normalised = new GnuArguments(kind.word(), ExtensionCommandLine.OPTIONS).normalise(args);
        ExtensionCommandLine line = new ExtensionCommandLine();
        try {
            line.bind(normalised.words());
        } catch (UsageException e) {
            // Not expected after normalisation; report it the way getopt reports what it does not know.
            throw new UsageException(kind.word() + ": " + e.getMessage());
        }
        if (normalised.error().isPresent() && line.stop().isEmpty()) {
            throw new UsageException(normalised.error().get());
        }
        return line;
    }

    private static int stopEarly(ExtensionKind kind, ExtensionCommandLine.Stop stop, PrintStream out,
            PrintStream err) {
        if (stop instanceof ExtensionCommandLine.Stop.Help) {
            out.print(HelpVerb.text(kind));
            return 0;
        }
        if (stop instanceof ExtensionCommandLine.Stop.Version) {
            out.println(kind.word() + " " + VERSION);
            return 0;
        }
        if (stop instanceof ExtensionCommandLine.Stop.JsonHelp) {
            out.println("pretty");
            out.println("short");
            out.println("off");
            return 0;
        }
        if (stop instanceof ExtensionCommandLine.Stop.MutableHelp help) {
            if (help.legend()) {
                out.println("Known mutability modes:");
            }
            for (MutableMode mode : List.of(MutableMode.NO, MutableMode.YES, MutableMode.AUTO, MutableMode.IMPORT,
                    MutableMode.EPHEMERAL, MutableMode.EPHEMERAL_IMPORT)) {
                out.println(mode.word());
            }
            return 0;
        }
        err.println(((ExtensionCommandLine.Stop.BadValue) stop).message());
        return 1;
    }

    private static ExtensionOptions toOptions(ExtensionKind kind, ExtensionCommandLine line,
            Map<String, String> environment) {
        // systemd: an empty --root= means no root (but still implies --no-reload); anything else is made
        // absolute against the working directory and simplified.
        Optional<String> rootText = line.root();
        Root root = rootText.filter(text -> !text.isEmpty()).map(text -> Root.of(Path.of(text))).orElse(Root.host());
        return new ExtensionOptions(kind, root, rootText.isPresent(), line.json(), line.legend(), line.force(),
                line.noReload(), line.alwaysRefresh(), line.imagePolicy(), line.noexec(), line.mutable(),
                line.explain(), line.skipBroken(), environment);
    }
}
