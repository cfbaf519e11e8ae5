package dev.confext.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. A missing prerequisite skips the test with a reason, except when
 * system property {@code confext.requireAll} is {@code true} (CI): then it fails.
 */
public final class TestEnvironment {
    private TestEnvironment() {}

    /** Whether missing prerequisites fail instead of skipping. */
    public static boolean requireAll() {
        return Boolean.parseBoolean(System.getProperty("confext.requireAll", "false"));
    }

    /** Skips (or fails) unless {@code condition} holds. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (requireAll()) {
            fail("confext.requireAll=true but: " + reason);
        }
        Assumptions.assumeTrue(false, reason);
    }

    /** Skips (or fails) unless running as root. */
    public static void requireRoot() {
        require("root".equals(System.getProperty("user.name")), "needs root");
    }

    /** Skips (or fails) unless {@code tool} is on the PATH. */
    public static void requireTool(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        require(found, "needs " + tool + " on the PATH");
    }

    /** The shared reference directory ({@code ../shared}), from system property {@code confext.shared}. */
    public static Path shared() {
        String value = System.getProperty("confext.shared");
        require(value != null && Files.isDirectory(Path.of(value)), "system property confext.shared not set to a directory");
        return Path.of(value);
    }

    /** The conformance cases directory. */
    public static Path conformanceCases() {
        Path cases = shared().resolve("conformance/cases");
        require(Files.isDirectory(cases), "no conformance cases at " + cases);
        return cases;
    }

    /** Runs a command, failing the test when it does not exit 0. */
    public static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        if (status != 0) {
            fail(String.join(" ", command) + " exited " + status + ":\n" + new String(output));
        }
    }
}
