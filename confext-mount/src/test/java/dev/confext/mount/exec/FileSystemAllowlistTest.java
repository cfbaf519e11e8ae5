package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.mount.api.ImageMountException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $SYSTEMD_DISSECT_FILE_SYSTEMS}: the list itself, and bare images recognised by their magic only:
 * <pre>
 *   sq.raw     "hsqs" then zeros (what blkid calls squashfs)
 *   luks.raw   "LUKS" 0xBA 0xBE then zeros
 * </pre>
 */
class FileSystemAllowlistTest {
    @TempDir
    Path temp;

    private Path image(String name, byte[] magic) throws Exception {
        byte[] bytes = new byte[70000];
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return Files.write(temp.resolve(name), bytes);
    }

    private Path squashfs() throws Exception {
        return image("sq.raw", "hsqs".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void allowed_unset_isTheBuiltInList() {
        assertEquals(List.of("btrfs", "erofs", "ext4", "f2fs", "squashfs", "vfat", "xfs"),
                FileSystemAllowlist.allowed(Map.of()));
    }

    @Test
    void allowed_emptyValue_allowsNothing() {
        assertEquals(List.of(), FileSystemAllowlist.allowed(Map.of(FileSystemAllowlist.VARIABLE, "")));
    }

    @Test
    void allowed_colonSeparated_isThatList() {
        assertEquals(List.of("squashfs", "erofs"),
                FileSystemAllowlist.allowed(Map.of(FileSystemAllowlist.VARIABLE, "squashfs:erofs")));
    }

    @Property(tries = 300)
    void allowed_anyValue_isItsNonEmptyColonSeparatedWords(@ForAll String value) {
        List<String> allowed = FileSystemAllowlist.allowed(Map.of(FileSystemAllowlist.VARIABLE, value));
        assertFalse(allowed.contains(""));
        assertEquals(String.join(":", allowed), String.join(":", List.of(value.split(":", -1))).replaceAll(":+", ":")
                .replaceAll("^:|:$", ""));
    }

    @Test
    void check_unset_acceptsEveryImage() throws Exception {
        Path image = squashfs();
        assertDoesNotThrow(() -> FileSystemAllowlist.check("sq", image, Map.of()));
    }

    @Test
    void check_bareImageNotListed_isPackageNotInstalled() throws Exception {
        Path image = squashfs();
        ImageMountException e = assertThrows(ImageMountException.class, () -> FileSystemAllowlist.check("sq", image,
                Map.of(FileSystemAllowlist.VARIABLE, "erofs")));
        assertEquals("Package not installed (file system squashfs is not in $SYSTEMD_DISSECT_FILE_SYSTEMS)",
                e.reason());
    }

    @Test
    void check_bareImageListed_passes() throws Exception {
        Path image = squashfs();
        assertDoesNotThrow(() -> FileSystemAllowlist.check("sq", image,
                Map.of(FileSystemAllowlist.VARIABLE, "erofs:squashfs")));
    }

    @Test
    void check_luksVolume_isNotTheListsBusiness() throws Exception {
        Path image = image("luks.raw", new byte[] {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE});
        assertDoesNotThrow(() -> FileSystemAllowlist.check("luks", image, Map.of(FileSystemAllowlist.VARIABLE, "")));
    }

    @Test
    void check_unreadableImage_isLeftToTheMounter() {
        assertDoesNotThrow(() -> FileSystemAllowlist.check("gone", temp.resolve("missing.raw"),
                Map.of(FileSystemAllowlist.VARIABLE, "erofs")));
        assertTrue(Files.notExists(temp.resolve("missing.raw")));
    }
}
