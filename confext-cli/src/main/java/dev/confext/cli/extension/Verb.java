package dev.confext.cli.extension;

import java.io.PrintStream;

/** One verb of {@code confext}/{@code sysext} ({@code list}, {@code status}, {@code merge}, ...). */
@FunctionalInterface
public interface Verb {
    /**
     * Runs the verb.
     *
     * @return the exit status: 0 on success, 1 on failure (as systemd)
     */
    int run(ExtensionOptions options, PrintStream out, PrintStream err);
}
