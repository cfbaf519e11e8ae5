package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.core.api.Architecture;
import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.PartitionProtection;
import dev.confext.verity.api.PartitionType;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File system types as {@code blkid -p} names them, on file systems made by the real mkfs tools. */
class FileSystemProbeTest {
    @TempDir
    Path temp;

    private static Optional<String> probe(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return FileSystemProbe.probe(ImageSource.of(bytes), 0, bytes.length);
    }

    private String blkid(Path file) throws Exception {
        Path blkid = TestEnvironment.requireTool("blkid");
        Process process = new ProcessBuilder(blkid.toString(), "-p", "-o", "value", "-s", "TYPE", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return out;
    }

    private Path blank(String name, long size) throws Exception {
        Path file = temp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    @Test
    void probe_sameTypeAsBlkid() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree/etc"));
        Files.writeString(tree.resolve("x.conf"), "x\n");
        Path erofs = temp.resolve("fs.erofs");
        TestEnvironment.run(temp, TestEnvironment.requireTool("mkfs.erofs").toString(), "--quiet", erofs.toString(),
                temp.resolve("tree").toString());
        Path squashfs = temp.resolve("fs.squashfs");
        TestEnvironment.run(temp, TestEnvironment.requireTool("mksquashfs").toString(), temp.resolve("tree").toString(),
                squashfs.toString(), "-quiet", "-no-progress");
        List<Path> images = new java.util.ArrayList<>(List.of(erofs, squashfs));
        for (String ext : new String[] {"ext2", "ext3", "ext4"}) {
            Path image = blank("fs." + ext, 4 << 20);
            TestEnvironment.run(temp, TestEnvironment.requireTool("mkfs." + ext).toString(), "-q", "-F", image.toString());
            images.add(image);
        }
        Path key = temp.resolve("key");
        Files.writeString(key, "secret");
        for (String type : new String[] {"luks1", "luks2"}) {
            Path image = blank("fs." + type, 20 << 20);
            TestEnvironment.run(temp, TestEnvironment.requireTool("cryptsetup").toString(), "luksFormat", "--batch-mode",
                    "--type", type, "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", image.toString(),
                    key.toString());
            images.add(image);
        }

        for (Path image : images) {
            assertEquals(blkid(image), probe(image).orElse(""), image.getFileName().toString());
        }
        assertEquals(Optional.empty(), probe(blank("zeros", 1 << 20)));
    }

    // No mkfs for these on the build machine: the magic numbers blkid looks for, written by hand.
    @Test
    void probe_magicOnlyTypes() throws Exception {
        byte[] xfs = new byte[8192];
        System.arraycopy("XFSB".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, xfs, 0, 4);
        byte[] btrfs = new byte[70000];
        System.arraycopy("_BHRfS_M".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, btrfs, 65600, 8);
        byte[] f2fs = new byte[8192];
        java.nio.ByteBuffer.wrap(f2fs).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(1024, 0xF2F52010);
        byte[] vfat = new byte[8192];
        System.arraycopy("FAT32   ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, vfat, 82, 8);
        vfat[510] = 0x55;
        vfat[511] = (byte) 0xAA;

        assertEquals(Optional.of("xfs"), FileSystemProbe.probe(ImageSource.of(xfs), 0, xfs.length));
        assertEquals(Optional.of("btrfs"), FileSystemProbe.probe(ImageSource.of(btrfs), 0, btrfs.length));
        assertEquals(Optional.of("f2fs"), FileSystemProbe.probe(ImageSource.of(f2fs), 0, f2fs.length));
        assertEquals(Optional.of("vfat"), FileSystemProbe.probe(ImageSource.of(vfat), 0, vfat.length));
    }

    @net.jqwik.api.Property(tries = 1000)
    void probe_arbitraryBytes_typeOrEmpty(@net.jqwik.api.ForAll byte[] bytes, @net.jqwik.api.ForAll boolean erofsMagic)
            throws Exception {
        if (erofsMagic && bytes.length >= 1028) {
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(1024, 0xE0F5E1E2);
        }
        Optional<String> type = FileSystemProbe.probe(ImageSource.of(bytes), 0, bytes.length);
        if (erofsMagic && bytes.length >= 1028 && !type.equals(Optional.of("crypto_LUKS"))) {
            assertEquals(Optional.of("erofs"), type);
        }
    }

    @Test
    void read_sampleDdi_rootIsErofs() throws Exception {
        DdiImage ddi = DdiReader.forArchitecture(Architecture.X86_64).read(SampleImages.ddi(temp, "t.raw"));

        assertEquals(Map.of(PartitionDesignator.ROOT, "erofs"), ddi.fileSystems());
    }

    @Test
    void read_luksRootPartition_isEncrypted() throws Exception {
        Path luks = blank("luks.img", 4 << 20);
        Path key = temp.resolve("key");
        Files.writeString(key, "secret");
        TestEnvironment.run(temp, TestEnvironment.requireTool("cryptsetup").toString(), "luksFormat", "--batch-mode",
                "--type", "luks1", "--pbkdf-force-iterations", "1000", luks.toString(), key.toString());
        byte[] image = new GptImageBuilder(512, 8400)
                .partition(PartitionType.uuidOf(PartitionDesignator.ROOT, Optional.of(Architecture.X86_64)),
                        UUID.randomUUID(), 40, 40 + 8192 - 1, 0, "root", Files.readAllBytes(luks))
                .build();
        Path path = temp.resolve("encrypted.raw");
        Files.write(path, image);

        DdiImage ddi = DdiReader.forArchitecture(Architecture.X86_64).read(path);

        assertEquals("crypto_LUKS", ddi.fileSystems().get(PartitionDesignator.ROOT));
        assertEquals(PartitionProtection.ENCRYPTED, ddi.protection(PartitionDesignator.ROOT));
    }
}
