package dev.confext.cli.it;

import dev.confext.cli.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the {@code bin/*} launchers of the checkout as a child process. */
final class Tool {
    /** Exit status, stdout and stderr of one run. */
    record Result(int status, String out, String err) {}

    private Tool() {}

    static Path bin(String tool) {
        return TestEnvironment.checkout().resolve("bin").resolve(tool);
    }

    static Result run(String tool, String... args) throws IOException, InterruptedException {
        Path jar = TestEnvironment.checkout().resolve("confext-cli/target/confext-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after 'package'");
        }
        List<String> command = new ArrayList<>();
        command.add(bin(tool).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("confext-it", ".out");
        Path err = Files.createTempFile("confext-it", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
