package dev.confext.mount.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.mount.api.SampleDiskImage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root hash of a disk image from its GPT, without mounting. Fixture:
 * <pre>
 *   root/var/lib/confexts/testconf.raw   the shared repart DDI (root, root-verity, root-verity-sig)
 *   root/var/lib/confexts/bare.raw       64 KiB of zeros (no partition table)
 * </pre>
 */
class DiskImageRootHashTest {
    @TempDir
    Path temp;

    private ResolvedPath image(String name) throws Exception {
        return Root.of(temp.resolve("root")).resolve("/var/lib/confexts/" + name);
    }

    @Test
    void of_signedDiskImage_isTheSignaturePartitionsRootHash() throws Exception {
        SampleDiskImage.unpack(temp.resolve("root/var/lib/confexts/testconf.raw"));
        assertEquals(Optional.of(SampleDiskImage.ROOT_HASH), DiskImageRootHash.of(image("testconf.raw")));
    }

    @Test
    void of_blankSignaturePartition_failsClearly() throws Exception {
        Path file = SampleDiskImage.unpack(temp.resolve("root/var/lib/confexts/testconf.raw"));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(43008L * 512); // partition 3, root-verity-sig
            f.write(new byte[16384]);
        }
        // An all-NUL signature partition holds no JSON: malformed, which upstream refuses too.
        assertThrows(InvalidRootHashException.class, () -> DiskImageRootHash.of(image("testconf.raw")));
    }

    @Test
    void of_bareBytes_isEmpty() throws Exception {
        Files.createDirectories(temp.resolve("root/var/lib/confexts"));
        Files.write(temp.resolve("root/var/lib/confexts/bare.raw"), new byte[65536]);
        assertEquals(Optional.empty(), DiskImageRootHash.of(image("bare.raw")));
    }

    @Test
    void of_corruptPartitionTable_failsClearly() throws Exception {
        Path file = SampleDiskImage.unpack(temp.resolve("root/var/lib/confexts/testconf.raw"));
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(512 + 60); // the disk GUID in the primary header: its CRC no longer matches
            f.write(0x5a);
            f.seek(size - 512 + 60); // the same in the backup header
            f.write(0x5a);
            f.seek(1024); // and the partition entries
            f.write(new byte[512]);
        }
        InvalidRootHashException e = assertThrows(InvalidRootHashException.class,
                () -> DiskImageRootHash.of(image("testconf.raw")));
        assertEquals(true, e.getMessage().startsWith("Failed to dissect image "), e.getMessage());
    }
}
