package dev.confext.verity.tree;

import dev.confext.verity.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real {@code veritysetup} (the oracle); skips the test when it is not installed. */
final class VeritySetup {
    /** What a run printed and returned. */
    record Run(int status, String stdout, String stderr) {
        /** The first line of standard error, or "". */
        String firstError() {
            return stderr.isEmpty() ? "" : stderr.lines().findFirst().orElse("");
        }
    }

    private VeritySetup() {}

    static Path require() {
        return TestEnvironment.requireTool("veritysetup");
    }

    static Run run(Path directory, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] err = process.getErrorStream().readAllBytes();
        byte[] out = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        return new Run(status, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The value of a "Name:   \tvalue" line of veritysetup's header output. */
    static String field(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(l.indexOf('\t') + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in:\n" + output));
    }
}
