package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the executor tests need from the machine: root, {@code unshare}, overlayfs, loop devices and the
 * image tools. Missing → the test is skipped with the reason, or fails when {@code confext.requireAll=true}.
 */
final class ExecTestEnvironment {
    private ExecTestEnvironment() {}

    static void requireMounting() {
        require(isRoot(), "mount tests need root (run as root or in CI)");
        require(onPath("unshare"), "unshare(1) (util-linux) is not installed");
        require(Files.exists(Path.of("/dev/loop-control")), "no /dev/loop-control (loop module missing)");
    }

    /** What {@link NamespaceScript#fixture()} needs: mounting, plus mkfs.erofs and mksquashfs for its images. */
    static void requireMountingWithImageTools() {
        requireMounting();
        requireTool("mkfs.erofs", "erofs-utils");
        requireTool("mksquashfs", "squashfs-tools");
    }

    static void requireTool(String tool, String packageName) {
        require(onPath(tool), tool + " (" + packageName + ") is not installed");
    }

    private static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (Boolean.parseBoolean(System.getProperty("confext.requireAll", "false"))) {
            fail("confext.requireAll=true but: " + reason);
        }
        Assumptions.assumeTrue(false, reason);
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }
}
