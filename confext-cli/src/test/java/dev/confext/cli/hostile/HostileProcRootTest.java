package dev.confext.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code /proc} magic links inside the root: {@code confext} runs in a child JVM in a private mount
 * namespace ({@code unshare -m}) where procfs is mounted at {@code R/proc}, with its working directory in the
 * sentinel tree, so {@code /proc/self/cwd}, {@code /proc/self/root}, {@code /proc/1/root} and
 * {@code /proc/self/fd/N} inside the root are the kernel's magic links and would lead outside if followed
 * as the host follows them. The host's mounts are not touched.
 *
 * <pre>
 * base/
 * ├── host-sentinel/ ...                 as in {@link HostileTree}; the child's working directory
 * └── root/
 *     ├── proc/                          procfs, mounted in the child's namespace only
 *     ├── usr/lib/os-release             ID=decoyos VERSION_ID=1 (replaces the link of HostileTree)
 *     ├── etc/os-release -> /proc/self/cwd/etc/os-release      (magic: would be the sentinel's)
 *     ├── run/confexts -> /proc/self/cwd/confexts              (magic: the sentinel search directory)
 *     └── var/lib/confexts/
 *         ├── cwd -> /proc/self/cwd/ext, cwdrel -> ../../../proc/self/cwd/ext
 *         ├── self -> /proc/self/root, thread -> /proc/thread-self/cwd/ext  (proc1 and usr/lib/confexts removed)
 *         └── fd0 ... fd15 -> /proc/self/fd/N
 * </pre>
 */
class HostileProcRootTest {
    @TempDir
    Path base;

    private HostileTree tree() throws IOException, InterruptedException {
        HostileTree t = HostileTree.create(base);
        Files.createDirectories(t.root.resolve("proc"));
        Files.delete(t.root.resolve("usr/lib/os-release"));
        Files.writeString(t.root.resolve("usr/lib/os-release"), "ID=" + HostileTree.DECOY_ID + "\nVERSION_ID=1\n");
        Files.delete(t.root.resolve("host-sentinel/etc/os-release"));
        Files.delete(t.root.resolve("etc/os-release"));
        t.link("etc/os-release", "/proc/self/cwd/etc/os-release");
        Files.delete(t.root.resolve("run/confexts"));
        t.link("run/confexts", "/proc/self/cwd/confexts");
        String d = "var/lib/confexts/";
        // readlink on another process's magic links may be refused (EACCES, fatal for discovery as upstream);
        // that case has its own test
        Files.delete(t.root.resolve(d + "proc1"));
        Files.delete(t.root.resolve("usr/lib/confexts"));
        t.link(d + "cwd", "/proc/self/cwd/ext");
        t.link(d + "cwdrel", "../../../proc/self/cwd/ext");
        t.link(d + "self", "/proc/self/root");
        t.link(d + "thread", "/proc/thread-self/cwd/ext");
        for (int fd = 0; fd < 16; fd++) {
            t.link(d + "fd" + fd, "/proc/self/fd/" + fd);
        }
        return t;
    }

    record Run(int status, String out, String err) {}

    private static Run confextInNamespace(HostileTree t, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && exec \"$@\"", t.root.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dconfext.tool=confext",
                "-cp", System.getProperty("java.class.path"), "dev.confext.cli.Main", "--root=" + t.root));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(t.sentinel.toFile()).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static void assertClean(HostileTree t, Run run) {
        for (String text : List.of(run.out(), run.err())) {
            assertFalse(text.contains(HostileTree.MARKER), text);
            assertFalse(text.contains(HostileTree.SENTINEL_ID), text);
            assertFalse(text.contains(t.sentinel.toString()), text);
        }
        assertFalse(run.err().contains("\tat "), run.err());
    }

    private static void requireNamespaces() {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTool("unshare");
    }

    @Test
    void listJson_procMountedInRoot_magicLinksStayInside() throws Exception {
        requireNamespaces();
        HostileTree t = tree();

        Run run = confextInNamespace(t, "--json=short", "list");

        assertEquals(0, run.status(), run.err());
        assertClean(t, run);
        for (String line : run.out().split("\"path\":\"")) {
            if (line.startsWith("/")) {
                String path = line.substring(0, line.indexOf('"'));
                assertTrue(Path.of(path).normalize().startsWith(t.root), path);
            }
        }
        // /proc/self/root is the child's root "/", which inside R is R itself
        assertTrue(run.out().contains("\"name\":\"self\",\"type\":\"directory\",\"path\":\"" + t.root + "\""), run.out());
    }

    @Test
    void listExplain_procMountedInRoot_hostReleaseIsTheDecoy() throws Exception {
        requireNamespaces();
        HostileTree t = tree();

        Run run = confextInNamespace(t, "--json=short", "--explain", "list");

        assertEquals(0, run.status(), run.err());
        assertClean(t, run);
        assertTrue(run.out().matches("(?s).*\"name\":\"climb\"[^}]*\"compatible\":true.*"), run.out());
    }

    @Test
    void planAndStatus_procMountedInRoot_nothingFromOutside() throws Exception {
        requireNamespaces();
        HostileTree t = tree();

        Run plan = confextInNamespace(t, "--json=short", "plan");
        Run status = confextInNamespace(t, "status");

        assertClean(t, plan);
        assertEquals(0, plan.status(), plan.err());
        assertClean(t, status);
        assertEquals(0, status.status(), status.err());
    }

    @Test
    void list_procOneRootInsideRoot_answersOrFailsCleanly() throws Exception {
        requireNamespaces();
        HostileTree t = tree();
        t.link("var/lib/confexts/proc1", "/proc/1/root");

        Run run = confextInNamespace(t, "--json=short", "list");

        assertClean(t, run);
        if (run.status() == 0) {
            assertTrue(run.out().contains("\"name\":\"proc1\",\"type\":\"directory\",\"path\":\"" + t.root + "\""),
                    run.out());
        } else {
            // without the right to read pid 1's links: EACCES, fatal for discovery (as systemd's chase)
            assertEquals("Failed to discover images: Permission denied", run.err().strip());
        }
    }
}
