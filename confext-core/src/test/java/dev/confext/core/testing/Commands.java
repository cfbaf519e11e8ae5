package dev.confext.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;

/** Runs external commands from tests. */
public final class Commands {
    private Commands() {}

    /** Runs {@code command} in {@code directory}, failing the test when it does not exit 0. */
    public static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        if (status != 0) {
            fail(String.join(" ", command) + " exited " + status + ":\n" + new String(output));
        }
    }
}
