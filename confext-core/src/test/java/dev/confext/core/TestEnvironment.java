package dev.confext.core;

import static org.junit.jupiter.api.Assertions.fail;

import dev.confext.core.linux.LinuxSyscalls;
import dev.confext.core.root.KernelResolver;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the machine running the tests offers. A test that needs something missing is skipped with the
 * reason, or fails when {@code -Dconfext.requireAll=true} (CI).
 */
public final class TestEnvironment {
    private TestEnvironment() {}

    /** Skips (or fails under {@code confext.requireAll}) unless {@code available}. */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (Boolean.getBoolean("confext.requireAll")) {
            fail("required for this test but not available: " + what);
        }
        Assumptions.assumeTrue(false, "skipped, not available here: " + what);
    }

    /** JNA and the C library. */
    public static void requireNative() {
        require(LinuxSyscalls.get().isPresent(), "JNA native access to libc");
    }

    /** {@code openat2} through JNA (Linux 5.6+). */
    public static void requireOpenat2() {
        require(KernelResolver.available().isPresent(), "openat2(2) through JNA");
    }

    /** Running as uid 0. */
    public static void requireRoot() {
        require(isRoot(), "root privileges");
    }

    /** A command on the PATH. */
    public static void requireTool(String name) {
        require(hasTool(name), "the '" + name + "' command");
    }

    public static boolean isRoot() {
        try {
            // /proc/self belongs to the effective uid of the process reading it.
            return ((Number) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static boolean hasTool(String name) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + name).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
