package dev.confext.cli.ddi;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options and operands of {@code ddi}, filled in by picocli. */
@Command(name = "ddi")
final class DdiCommandLine {
    @Option(names = {"-h", "--help"})
    boolean help;

    /** {@code --json} alone is rewritten to {@code --json=short} before parsing, so it never eats the IMAGE. */
    @Option(names = "--json")
    String json;

    @Option(names = "--root")
    String root;

    @Parameters
    List<String> operands = new ArrayList<>();
}
