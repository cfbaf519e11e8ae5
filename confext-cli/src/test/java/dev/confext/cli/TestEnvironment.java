package dev.confext.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What the CLI tests need from the machine. A missing requirement skips the test with the reason, unless
 * system property {@code confext.requireAll} is {@code true} (CI), where it fails instead.
 */
public final class TestEnvironment {
    private TestEnvironment() {}

    /** Whether skipping is forbidden. */
    public static boolean requireAll() {
        return Boolean.parseBoolean(System.getProperty("confext.requireAll", "false"));
    }

    /** Skips (or fails under requireAll) unless running as root. */
    public static void requireRoot() {
        require(isRoot(), "needs root (uid 0)");
    }

    /** Skips (or fails under requireAll) unless {@code tool} is on the PATH. */
    public static void requireTool(String tool) {
        require(onPath(tool), "needs '" + tool + "' on the PATH");
    }

    /** {@link #requireTool} for each of {@code tools}. */
    public static void requireTools(String... tools) {
        for (String tool : tools) {
            requireTool(tool);
        }
    }

    /** Whether the tests run as root. */
    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether an executable called {@code tool} is on the PATH. */
    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The checkout root (system property {@code confext.checkout}, else the parent of the module). */
    public static Path checkout() {
        String property = System.getProperty("confext.checkout");
        return property != null && !property.isEmpty() ? Path.of(property) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The shared reference directory (system property {@code confext.shared}, else {@code ../shared}). */
    public static Path shared() {
        String property = System.getProperty("confext.shared");
        return property != null && !property.isEmpty() ? Path.of(property) : checkout().resolve("../shared").normalize();
    }

    /** Skips with {@code reason} (or fails under requireAll) unless {@code condition} holds. */
    public static void require(boolean condition, String reason) {
        if (!condition) {
            if (requireAll()) {
                fail(reason + " (confext.requireAll=true forbids skipping)");
            }
            assumeTrue(false, reason);
        }
    }
}
