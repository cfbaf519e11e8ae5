package dev.confext.mount.api;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the planner tests need from the machine: the shared conformance fixtures and the image tools their
 * {@code make-root.sh} scripts call. Missing things skip the test with the reason, or fail it when
 * {@code confext.requireAll} is {@code true}.
 */
public final class PlanTestEnvironment {
    private PlanTestEnvironment() {}

    /** The shared directory ({@code ../shared}) with the spec and conformance cases. */
    public static Path shared() {
        String property = System.getProperty("confext.shared");
        Path p = property == null ? null : Path.of(property);
        require(p != null && Files.isDirectory(p.resolve("conformance/cases")),
                "the shared conformance fixtures (system property confext.shared) are not available");
        return p;
    }

    /** Requires an executable on the PATH. */
    public static void requireTool(String name) {
        boolean found = false;
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    found = true;
                    break;
                }
            }
        }
        require(found, name + " is not installed");
    }

    /** Requires {@code condition}; {@code reason} says what is missing when it does not hold. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (Boolean.parseBoolean(System.getProperty("confext.requireAll"))) {
            fail(reason + " (confext.requireAll=true)");
        }
        Assumptions.assumeTrue(false, reason);
    }
}
