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
