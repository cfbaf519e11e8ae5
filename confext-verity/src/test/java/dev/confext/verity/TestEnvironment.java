package dev.confext.verity;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests of this module may assume about the machine. A missing tool skips the test with a
 * visible reason, unless the system property {@code confext.requireAll} is {@code true} (CI): then it fails.
 */
public final class TestEnvironment {
    private TestEnvironment() {}

    /** The shared reference directory ({@code ../shared} of the checkout). */
    public static Path shared() {
        String shared = System.getProperty("confext.shared");
        if (shared == null) {
            fail("system property confext.shared is not set");
        }
        return Path.of(shared);
    }

    /** A file of {@code shared/vectors/}. */
    public static Path vector(String relative) {
        Path path = shared().resolve("vectors").resolve(relative);
        require(Files.isRegularFile(path), "test vector " + relative + " is missing");
        return path;
    }

    /** The path of an executable on {@code PATH}, or skip/fail. */
    public static Path requireTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            for (String base : new String[] {dir, "/usr/sbin", "/sbin"}) {
                Path candidate = Path.of(base, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        require(false, name + " is not installed");
        return null;
    }

    /** Runs a command, fails the test when it exits non-zero, and returns its standard output. */
    public static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
        if (status != 0) {
            fail(String.join(" ", command) + " exited with " + status + ":\n" + text);
        }
        return text;
    }

    /** Skips the test with {@code reason} unless {@code condition} holds (fails instead under requireAll). */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (Boolean.parseBoolean(System.getProperty("confext.requireAll", "false"))) {
            fail(reason + " (required because confext.requireAll=true)");
        }
        Assumptions.assumeTrue(false, reason);
    }
}
