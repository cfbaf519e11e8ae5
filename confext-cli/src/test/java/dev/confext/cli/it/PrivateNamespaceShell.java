package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shell script in a child process under {@code unshare -m --propagation private}, set up the way the
 * conformance harness sets up systemd's own runs: a private tmpfs on {@code /run} (the tools' staging area)
 * and the test directory made a new shared mount, because systemd-sysext merges from a child namespace and
 * relies on propagation to show the overlay to its caller. Nothing of the host is mounted or changed.
 *
 * <p>The script sees {@code $T} (the test directory), {@code $B} (our {@code bin}) and {@code $CASES} (the
 * shared conformance cases). Its combined output comes back with the test directory replaced by
 * {@code <T>}.
 */
final class PrivateNamespaceShell {
    private final Path dir;

    /** A shell working in {@code dir}, which must be an absolute path below some directory. */
    PrivateNamespaceShell(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** Runs {@code body}; the script's exit status must be 0 (a failed set-up step exits non-zero). */
    String run(String body) throws IOException, InterruptedException {
        String script = String.join("\n",
                "T='" + dir + "'",
                "B='" + TestEnvironment.checkout().resolve("bin") + "'",
                "CASES='" + TestEnvironment.shared().resolve("conformance/cases") + "'",
                "export LC_ALL=C SYSTEMD_LOG_COLOR=0 SYSTEMD_LOG_LOCATION=0 SYSTEMD_LOG_TIME=0 SYSTEMD_PAGER=cat",
                "unset SYSTEMD_LOG_LEVEL SYSTEMD_CONFEXT_MUTABLE_MODE SYSTEMD_SYSEXT_MUTABLE_MODE"
                        + " SYSTEMD_CONFEXT_HIERARCHIES SYSTEMD_SYSEXT_HIERARCHIES",
                "mount -t tmpfs interop-run /run && mount --bind $T $T && mount --make-rshared $T || exit 91",
                "mounts() { awk -v r=\"$1/\" 'index($5, r) == 1 {print $1, $5}' /proc/self/mountinfo | sort; }",
                body, "");
        Path file = dir.resolve("script.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path log = dir.resolve("script.log");
        Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "script timed out");
        String out = Files.readString(log, StandardCharsets.UTF_8).replace(dir.toString(), "<T>");
        assertTrue(p.exitValue() == 0, "script failed with exit status " + p.exitValue() + ":\n" + out);
        return out;
    }
}
