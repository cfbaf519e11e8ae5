package dev.confext.cli.extension;

import java.io.PrintStream;

/** A verb that only remembers the options it was run with and prints "ran NAME". */
final class RecordingVerb implements Verb {
    private final String name;
    ExtensionOptions seen;

    RecordingVerb(String name) {
        this.name = name;
    }

    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        seen = options;
        out.println("ran " + name);
        return 0;
    }
}
