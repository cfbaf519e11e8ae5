package dev.confext.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed {@code examples/root} is what {@code examples/make-root.sh} builds, and lists as documented. */
class ExampleRootTest {
    @TempDir
    Path scratch;

    private static final int EROFS_MAGIC = 0xE0F5E1E2;

    private static int littleEndianInt(Path file, int offset) throws IOException {
        return java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    private static Path committed() {
        return TestEnvironment.checkout().resolve("examples/root");
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(root::relativize).sorted().toList();
        }
    }

    @Test
    void makeRoot_rebuilt_equalsCommittedTree() throws Exception {
        TestEnvironment.requireTool("mkfs.erofs");
        Path built = scratch.resolve("root");
        Process process = new ProcessBuilder("sh", TestEnvironment.checkout().resolve("examples/make-root.sh").toString(),
                built.toString()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), log);
        assertEquals(tree(committed()), tree(built));
        for (Path relative : tree(built)) {
            Path a = committed().resolve(relative);
            Path b = built.resolve(relative);
            assertEquals(Files.isSymbolicLink(a), Files.isSymbolicLink(b), relative.toString());
            if (Files.isSymbolicLink(a)) {
                assertEquals(Files.readSymbolicLink(a), Files.readSymbolicLink(b), relative.toString());
            } else if (relative.toString().endsWith(".raw")) {
                // Image bytes depend on the erofs-utils version; both must be erofs file systems.
                assertEquals(EROFS_MAGIC, littleEndianInt(a, 1024), relative.toString());
                assertEquals(EROFS_MAGIC, littleEndianInt(b, 1024), relative.toString());
            } else if (Files.isRegularFile(a, LinkOption.NOFOLLOW_LINKS)) {
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), relative.toString());
            }
        }
    }

    @Test
    void listExplain_committedRoot_asDocumented() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = Main.run("confext", new String[] {"list", "--explain", "--no-legend", "--root=" + committed()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        assertTrue(lines.get(0).matches("flatcar-sshd +directory .*/usr/lib/confexts/flatcar-sshd .* yes .*"), lines.get(0));
        assertTrue(lines.get(1).matches("kubelet-config +directory .*/kubelet-config.v/kubelet-config_1.31.0 .* yes .*"),
                lines.get(1));
        assertTrue(lines.get(2).matches("legacy-chrony +directory .* no +.*3975.2.0.*"), lines.get(2));
        assertTrue(lines.get(3).matches("motd +directory .* yes .*"), lines.get(3));
    }
}
