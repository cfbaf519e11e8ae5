package dev.confext.cli.extension;

import java.io.PrintStream;

/** Stands in for a verb whose implementation has not landed yet: says so and fails. */
final class PendingVerb implements Verb {
    private final String name;

    PendingVerb(String name) {
        this.name = name;
    }

    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        err.println("Verb '" + name + "' is not implemented yet.");
        return 1;
    }
}
