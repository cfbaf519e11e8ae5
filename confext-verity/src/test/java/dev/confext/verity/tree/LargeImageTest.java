package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 4 GiB image (sparse, with a few written bytes) hashed in a JVM limited to 64 MiB of heap, data
 * and tree in the same file with the tree at 4 GiB (offsets above 2^31 and 2^32): the same file and
 * root hash as veritysetup.
 */
class LargeImageTest {
    private static final long SIZE = 4L << 30;

    @TempDir
    Path dir;

    @Test
    void build_4GiBOneFileWith64MiBHeap_identicalToVeritysetup() throws Exception {
        VeritySetup.require();
        Path ours = dir.resolve("ours.img");
        Path theirs = dir.resolve("theirs.img");
        for (Path p : List.of(ours, theirs)) {
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(SIZE);
                for (long at : new long[] {0, (1L << 31) - 3, 3_000_000_000L, SIZE - 4096}) {
                    f.seek(at);
                    f.write(("block at " + at).getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        long blocks = SIZE / 4096;

        VeritySetup.Run run = VeritySetup.run(dir, List.of("format", theirs.toString(), theirs.toString(), "--salt=-",
                "--uuid=11111111-2222-3333-4444-555555555555", "--data-blocks=" + blocks, "--hash-offset=" + SIZE));
        assertEquals(0, run.status(), run.stderr());

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeImageMain.class.getName(), ours.toString(), ours.toString(), Long.toString(blocks),
                Long.toString(SIZE)).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);

        assertEquals(VeritySetup.field(run.stdout(), "Root hash"), output);
        assertEquals(Files.size(theirs), Files.size(ours));
        assertArrayEquals(tail(theirs), tail(ours));
    }

    /** Everything from 1 MiB before the hash offset (the tree, the superblock, the last data blocks). */
    private static byte[] tail(Path image) throws java.io.IOException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
            byte[] bytes = new byte[(int) (f.length() - (SIZE - (1 << 20)))];
            f.seek(SIZE - (1 << 20));
            f.readFully(bytes);
            return bytes;
        }
    }
}
