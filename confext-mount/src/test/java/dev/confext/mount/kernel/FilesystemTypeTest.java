package dev.confext.mount.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Superblock magic recognition: the spec'd offsets, the real tools as oracle, and arbitrary bytes. */
class FilesystemTypeTest {
    @TempDir
    Path temp;

    private static ByteBuffer blank(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void probe_erofsMagicAt1024_isErofs() {
        ByteBuffer b = blank(4096);
        b.putInt(1024, 0xE0F5E1E2);
        assertEquals(Optional.of(FilesystemType.EROFS), FilesystemType.probe(b));
    }

    @Test
    void probe_squashfsMagicAt0_isSquashfs() {
        ByteBuffer b = blank(4096);
        b.put(0, (byte) 'h').put(1, (byte) 's').put(2, (byte) 'q').put(3, (byte) 's');
        assertEquals(Optional.of(FilesystemType.SQUASHFS), FilesystemType.probe(b));
    }

    @Test
    void probe_ext4MagicAt0x438_isExt4() {
        ByteBuffer b = blank(4096);
        b.putShort(0x438, (short) 0xEF53);
        assertEquals(Optional.of(FilesystemType.EXT4), FilesystemType.probe(b));
    }

    @Test
    void probe_gptHeaderAt512_isGpt() {
        ByteBuffer b = blank(4096);
        b.put(512, "EFI PART".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(Optional.of(FilesystemType.GPT), FilesystemType.probe(b));
    }

    @Test
    void probe_luksMagicAt0_isLuks() {
        ByteBuffer b = blank(4096);
        b.put(0, new byte[] {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE});
        assertEquals(Optional.of(FilesystemType.LUKS), FilesystemType.probe(b));
        assertEquals(false, FilesystemType.LUKS.isFileSystem());
    }

    @Test
    void probe_luksMagicWithoutItsLastByte_isNothing() {
        ByteBuffer b = blank(4096);
        b.put(0, new byte[] {'L', 'U', 'K', 'S', (byte) 0xBA, 0});
        assertEquals(Optional.empty(), FilesystemType.probe(b));
    }

    /** cryptsetup formats a plain file (no device-mapper needed for that) in both LUKS versions. */
    @Test
    void probe_volumesFormattedByCryptsetup_areLuks() throws IOException, InterruptedException {
        dev.confext.mount.api.PlanTestEnvironment.requireTool("cryptsetup");
        Path key = temp.resolve("key");
        Files.writeString(key, "passphrase");
        for (String version : new String[] {"luks1", "luks2"}) {
            Path volume = temp.resolve(version + ".raw");
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(volume.toFile(), "rw")) {
                f.setLength(20L * 1024 * 1024);
            }
            assertEquals(true, run("cryptsetup", "luksFormat", "-q", "--type", version, "--pbkdf", "pbkdf2",
                    "--pbkdf-force-iterations", "1000", "--key-file", key.toString(), volume.toString()),
                    "cryptsetup luksFormat --type " + version);
            assertEquals(Optional.of(FilesystemType.LUKS), FilesystemType.probe(volume), version);
        }
    }

    @Test
    void probe_zeros_isNothing() {
        assertEquals(Optional.empty(), FilesystemType.probe(blank(70000)));
    }

    @Test
    void probe_imagesMadeByTheRealTools_areRecognised() throws IOException, InterruptedException {
        Path src = Files.createDirectories(temp.resolve("src/etc"));
        Files.writeString(src.resolve("file"), "content\n");
        Path erofs = temp.resolve("e.raw");
        Path squashfs = temp.resolve("s.raw");
        boolean erofsTool = run("mkfs.erofs", "--quiet", erofs.toString(), temp.resolve("src").toString());
        boolean squashTool = run("mksquashfs", temp.resolve("src").toString(), squashfs.toString(), "-quiet",
                "-noappend");
        Assumptions.assumeTrue(erofsTool || squashTool, "neither mkfs.erofs nor mksquashfs is installed");
        if (erofsTool) {
            assertEquals(Optional.of(FilesystemType.EROFS), FilesystemType.probe(erofs));
        }
        if (squashTool) {
            assertEquals(Optional.of(FilesystemType.SQUASHFS), FilesystemType.probe(squashfs));
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void probe_gptHeaderIn4096ByteSector1_isGpt() {
        ByteBuffer b = blank(8192);
        b.putLong(4096, 0x5452415020494645L);
        assertEquals(Optional.of(FilesystemType.GPT), FilesystemType.probe(b));
    }

    @Test
    void probe_range_readsTheFileSystemAtTheOffsetNotTheTable() throws IOException {
        // a GPT signature at 512 of the file, an erofs magic at 1024 of the range starting at 1 MiB
        Path file = temp.resolve("disk.raw");
        ByteBuffer b = blank(2 * 1024 * 1024);
        b.putLong(512, 0x5452415020494645L);
        b.putInt(1024 * 1024 + 1024, 0xE0F5E1E2);
        Files.write(file, b.array());
        assertEquals(Optional.of(FilesystemType.GPT), FilesystemType.probe(file));
        assertEquals(Optional.of(FilesystemType.EROFS), FilesystemType.probe(file, 1024 * 1024, 1024 * 1024));
        assertEquals(Optional.empty(), FilesystemType.probe(file, 1024 * 1024, 1000));
    }

    @Property(tries = 300)
    void probe_arbitraryBytes_givesAValueAndNeverThrows(@ForAll @Size(max = 70000) byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertNotNull(FilesystemType.probe(b));
    }
}
