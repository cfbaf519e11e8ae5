package dev.confext.cli.verity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.cli.TestEnvironment;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rows of cryptsetup's {@code tests/verity-compat-test} about where the tree goes in a single
 * device, played with veritysetup and with {@code bin/verity} on the same sparse file:
 * {@code checkOffsetBug} (a hash offset above 2 GiB, not a multiple of the hash block size) and the
 * {@code checkOverlapBug} rows without FEC (the whole device as data must overlap the tree; data
 * ending exactly at the offset is fine; data reaching past it is refused).
 *
 * <pre>
 * verity-data (sparse, SIZE bytes): [ data blocks | ... | superblock + tree at HASH_OFFSET | ... ]
 * </pre>
 */
class VerityOffsetCompatTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requireVeritysetup() {
        TestEnvironment.requireTool("veritysetup");
    }

    @ParameterizedTest(name = "size {0}, hash offset {1}, {2} data blocks")
    @CsvSource({"3000000000, 2499997696, 256", "10000000000, 8000000000, 128"})
    void checkOffsetBug_hashOffsetAbove2G_sameTreeAsVeritysetup(long size, long hashOffset, long blocks)
            throws Exception {
        String[] args = {"--data-blocks=" + blocks, "--hash-offset=" + hashOffset, "format", image(size), image(size),
            "--salt=ab", "--uuid=11111111-2222-3333-4444-555555555555"};
        VerityCommandTest.Result theirs = VerityCommandTest.theirs(args);
        byte[] theirTree = read(hashOffset, 64 * 1024);
        sparse(size);
        VerityCommandTest.Result ours = VerityCommandTest.ours(args);

        assertEquals(0, theirs.status(), theirs.toString());
        assertEquals(theirs, ours);
        assertArrayEquals(theirTree, read(hashOffset, 64 * 1024), "superblock and tree");
    }

    @ParameterizedTest(name = "size {0}, hash offset {1}, data blocks {2}, block size {3}")
    @CsvSource({"2097152, 1433600, , ", "2097152, 1433600, 350, 4096", "2097152, 1228800, 350, 4096"})
    void checkOverlapBug_noFec_sameVerdictAsVeritysetup(long size, long hashOffset, Long blocks, Integer blockSize)
            throws Exception {
        List<String> args = new ArrayList<>();
        if (blocks != null) {
            args.addAll(List.of("--data-block-size=" + blockSize, "--hash-block-size=" + blockSize,
                    "--data-blocks=" + blocks));
        }
        args.addAll(List.of("--hash-offset=" + hashOffset, "format", image(size), image(size)));
        VerityCommandTest.Result theirs = VerityCommandTest.theirs(args.toArray(String[]::new));
        sparse(size);
        VerityCommandTest.Result ours = VerityCommandTest.ours(args.toArray(String[]::new));

        assertEquals(theirs.status(), ours.status(), ours.toString());
        assertEquals(theirs.err(), ours.err());
        boolean overlaps = blocks == null || blocks > hashOffset / blockSize;
        assertEquals(overlaps, ours.status() != 0, "upstream's expectation: " + ours);
    }

    /** A fresh sparse file of {@code size} bytes; returns its path. */
    private String image(long size) throws Exception {
        sparse(size);
        return dir.resolve("verity-data").toString();
    }

    private void sparse(long size) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("verity-data").toFile(), "rw")) {
            f.setLength(0);
            f.setLength(size);
        }
    }

    private byte[] read(long position, int length) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("verity-data").toFile(), "r")) {
            byte[] bytes = new byte[length];
            f.seek(position);
            f.readFully(bytes);
            return bytes;
        }
    }
}
