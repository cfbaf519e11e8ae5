package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskImageProbeTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** {@code file} as an image found inside a root that is its directory. */
    private static ResolvedPath inRoot(Path file) throws ResolveException {
        return Root.of(file.getParent()).resolve(file.getFileName().toString());
    }

    private static byte[] withLe(int size, int offset, int value) {
        byte[] bytes = new byte[size];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return bytes;
    }

    @Test
    void probe_zeros_isNothing() throws Exception {
        assertEquals(Optional.empty(), DiskImageProbe.probe(inRoot(write("zero.raw", new byte[1 << 20]))));
    }

    @Test
    void probe_emptyFile_isNothing() throws Exception {
        assertEquals(Optional.empty(), DiskImageProbe.probe(inRoot(write("empty.raw", new byte[0]))));
    }

    @Test
    void probe_erofsMagic_isErofs() throws Exception {
        assertEquals(Optional.of("an erofs file system"), DiskImageProbe.probe(inRoot(write("e.raw", withLe(4096, 1024, 0xE0F5E1E2)))));
    }

    @Test
    void probe_gptAt512_isPartitioned() throws Exception {
        byte[] bytes = new byte[8192];
        System.arraycopy("EFI PART".getBytes(), 0, bytes, 512, 8);
        assertEquals(Optional.of("a partitioned disk image (GPT)"), DiskImageProbe.probe(inRoot(write("g.raw", bytes))));
    }

    @Test
    void probe_truncatedBeforeMagic_isNothing() throws Exception {
        assertEquals(Optional.empty(), DiskImageProbe.probe(inRoot(write("short.raw", new byte[1026]))));
    }

    private Path build(List<String> command, Path image) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("hello"), "hi\n");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), log);
        return image;
    }

    @Test
    void probe_realErofs_isErofs() throws Exception {
        TestEnvironment.requireTool("mkfs.erofs");
        Path image = dir.resolve("real.erofs");
        build(List.of("mkfs.erofs", "--quiet", image.toString(), dir.resolve("tree").toString()), image);
        assertEquals(Optional.of("an erofs file system"), DiskImageProbe.probe(inRoot(image)));
    }

    @Test
    void probe_realSquashfs_isSquashfs() throws Exception {
        TestEnvironment.requireTool("mksquashfs");
        Path image = dir.resolve("real.squashfs");
        Files.createDirectories(dir.resolve("tree"));
        build(List.of("mksquashfs", dir.resolve("tree").toString(), image.toString(), "-quiet", "-no-progress"), image);
        assertEquals(Optional.of("a squashfs file system"), DiskImageProbe.probe(inRoot(image)));
    }

    @Test
    void probe_realExt4_isExt() throws Exception {
        TestEnvironment.requireTool("mkfs.ext4");
        Path image = dir.resolve("real.ext4");
        Files.write(image, new byte[0]);
        try (var channel = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(new byte[1]), 8L << 20);
        }
        build(List.of("mkfs.ext4", "-q", "-F", image.toString()), image);
        assertEquals(Optional.of("an ext2/3/4 file system"), DiskImageProbe.probe(inRoot(image)));
    }

    /**
     * The image is swapped for a link aimed outside the root after discovery resolved it.
     * <pre>
     * dir/
     * ├── outside.raw          erofs magic (outside the root)
     * └── root/
     *     └── swapped.raw -> DIR/outside.raw   (was a regular file when resolved)
     * </pre>
     */
    @Test
    void probe_imageSwappedForLinkOutside_notReadFromOutside() throws Exception {
        Path outside = write("outside.raw", withLe(4096, 1024, 0xE0F5E1E2));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.write(root.resolve("swapped.raw"), new byte[4096]);
        ResolvedPath image = Root.of(root).resolve("/swapped.raw");
        Files.delete(root.resolve("swapped.raw"));
        Files.createSymbolicLink(root.resolve("swapped.raw"), outside);

        IOException e = assertThrows(IOException.class, () -> DiskImageProbe.probe(image));
        assertEquals("No such file or directory", e.getMessage());
    }

    @Test
    void probe_fifo_refusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo.raw");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, mkfifo.exitValue());

        assertThrows(IOException.class, () -> DiskImageProbe.probe(inRoot(fifo)));
    }

    @Property(tries = 200)
    void probe_anyBytes_answersWithoutFailing(@ForAll @Size(max = 70_000) byte[] bytes) throws Exception {
        Path file = Files.createTempFile("probe", ".raw");
        try {
            Files.write(file, bytes);
            DiskImageProbe.probe(inRoot(file));
        } finally {
            Files.delete(file);
        }
    }
}
