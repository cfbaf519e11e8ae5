package dev.confext.cli.extension;

import dev.confext.core.api.ExtensionConfig;
import dev.confext.mount.api.PlanRequest;
import dev.confext.mount.plan.MutableChoice;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings systemd 262 prints while it sets up a verb (every verb but {@code list}): first about an
 * unparsable mutable-mode variable, then about the configuration files. Stateless.
 */
final class ContextWarnings {
    private ContextWarnings() {}

    /** Prints the warnings in systemd's order and returns the mutable mode they were found for. */
    static MutableChoice print(ExtensionOptions options, ExtensionConfig config, PrintStream err) {
        List<String> variableWarnings = new ArrayList<>();
        MutableChoice mutable = PlanRequest.mutableMode(options.kind(), options.mutable(), options.environment(),
                config.mutable(), variableWarnings::add);
        variableWarnings.forEach(err::println);
        config.warnings().forEach(err::println);
        return mutable;
    }

    /** Reads the configuration of {@code options}' root and prints the warnings (for verbs that need no plan). */
    static void print(ExtensionOptions options, PrintStream err) {
        print(options, ExtensionConfig.read(options.root(), options.kind()), err);
    }
}
