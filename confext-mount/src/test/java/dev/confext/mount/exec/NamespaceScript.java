package dev.confext.mount.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shell script in a child process under {@code unshare -m --propagation private}, set up like the
 * conformance harness: a private tmpfs on {@code /run} and the test directory as a new shared mount. The
 * script finds {@code $T} (the test directory) and {@code $EXEC} (a command running {@link ExecutorMain}
 * with this JVM's class path). Nothing it mounts is visible outside the child.
 */
final class NamespaceScript {
    private NamespaceScript() {}

    /** The result of a run: exit status and everything written to stdout and stderr. */
    record Result(int exitStatus, String output) {}

    static Result run(Path testDirectory, String body, long timeoutSeconds) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        String script = "set -u\n"
                + "T='" + testDirectory + "'\n"
                + "mount -t tmpfs -o mode=0755 exec-test-run /run || exit 90\n"
                + "mount --bind \"$T\" \"$T\" && mount --make-rshared \"$T\" || exit 91\n"
                + "EXEC=\"" + java + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp " + classPath + " "
                + ExecutorMain.class.getName() + "\"\n"
                + body + "\n";
        Path file = testDirectory.resolve("script.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path log = testDirectory.resolve("script.log");
        Process process = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("script timed out after " + timeoutSeconds + " s; log:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Shell code that builds {@code $T/r}, a root with a host /etc and three confexts (directory, erofs, squashfs). */
    static String fixture() {
        return String.join("\n",
                "R=$T/r",
                "mkdir -p $R/etc $R/var/lib/confexts/dir/etc/extension-release.d $T/src-ero/etc/extension-release.d"
                        + " $T/src-sq/etc/extension-release.d",
                "echo host > $R/etc/hostfile",
                "echo ID=_any > $R/var/lib/confexts/dir/etc/extension-release.d/extension-release.dir",
                "echo from-dir > $R/var/lib/confexts/dir/etc/dirfile",
                "echo ID=_any > $T/src-ero/etc/extension-release.d/extension-release.ero",
                "echo from-erofs > $T/src-ero/etc/erofile",
                "echo ID=_any > $T/src-sq/etc/extension-release.d/extension-release.sq",
                "echo from-squashfs > $T/src-sq/etc/sqfile",
                "mkfs.erofs --quiet $R/var/lib/confexts/ero.raw $T/src-ero >/dev/null || exit 92",
                "mksquashfs $T/src-sq $R/var/lib/confexts/sq.raw -quiet -noappend >/dev/null || exit 93");
    }
}
