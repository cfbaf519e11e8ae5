package dev.confext.verity.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.ImageExtent;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityFailure;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityProgressListener;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifying the partitions of the systemd-repart DDI vector in place (byte ranges of the image,
 * 512-byte blocks, superblock at the start of the verity partition), as veritysetup does on the
 * partition devices.
 */
class DdiPartitionVerifyTest {
    private static final byte[] ROOT = HexFormat.of()
            .parseHex("2757364e46ea06e82ad2b7ffceebffea0e8ab27d6f49dc813405cdb1a83f2d46");
    private static final long SECTOR = 512;

    @TempDir
    Path dir;
    private Path image;
    private ImageExtent root;
    private ImageExtent verity;

    @BeforeEach
    void unpack() throws Exception {
        image = dir.resolve("confext.raw");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                TestEnvironment.vector("ddi/testconf-x86-64.confext.raw.gz")))) {
            Files.copy(in, image);
        }
        root = new ImageExtent(image, 2048 * SECTOR, (22527 - 2048 + 1) * SECTOR, OptionalInt.of(1));
        verity = new ImageExtent(image, 22528 * SECTOR, (43007 - 22528 + 1) * SECTOR, OptionalInt.of(2));
    }

    @Test
    void verifyWithSuperblock_repartDdi_intact() throws Exception {
        VerificationResult r = VerityFormat.defaults().verifyWithSuperblock(root, verity, ROOT,
                VerityProgressListener.NONE);
        assertTrue(r.intact(), () -> r.failure().toString());
        assertEquals(4, r.geometry().levels());
        assertEquals(20480, r.geometry().dataBlocks());
    }

    @Test
    void verifyWithSuperblock_flippedFileSystemByte_samePositionAsVeritysetup() throws Exception {
        CorruptionOracleTest.flip(image, 2048 * SECTOR + 1030, (byte) 0x10);

        VerificationResult r = VerityFormat.withThreads(2).verifyWithSuperblock(root, verity, ROOT,
                VerityProgressListener.NONE);

        assertEquals(new VerityFailure(VerityFailure.Kind.DIGEST_MISMATCH, 0, 1024), r.failure().orElseThrow());
        Path p1 = extract(root, "p1");
        Path p2 = extract(verity, "p2");
        VeritySetup.Run theirs = VeritySetup.run(dir, List.of("verify", p1.toString(), p2.toString(),
                HexFormat.of().formatHex(ROOT)));
        assertEquals(2, theirs.status());
        assertEquals(theirs.firstError(), r.failure().get().message());
    }

    private Path extract(ImageExtent extent, String name) throws Exception {
        Path out = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
            byte[] bytes = new byte[(int) extent.length()];
            f.seek(extent.offset());
            f.readFully(bytes);
            Files.write(out, bytes);
        }
        return out;
    }
}
