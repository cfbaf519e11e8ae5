package dev.confext.mount.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root hashes known without opening the image.
 *
 * <pre>
 * dir/
 * ├── img.raw
 * ├── img.roothash     (or img.usrhash)
 * └── other.img        (no .raw suffix: no sidecar is looked for)
 * </pre>
 */
class VeritySidecarTest {
    @TempDir
    Path dir;

    private static final String HASH = "A0B1C2D3E4F5061728394A5B6C7D8E9FA0B1C2D3E4F5061728394A5B6C7D8E9F";

    @Test
    void rootHash_sidecar_lowercased() throws Exception {
        Files.write(dir.resolve("img.raw"), new byte[16]);
        Files.writeString(dir.resolve("img.roothash"), HASH + "\nignored second line\n");
        assertEquals(Optional.of(HASH.toLowerCase()), VeritySidecar.rootHash(dir.resolve("img.raw")));
    }

    @Test
    void rootHash_usrhashWhenNoRoothash() throws Exception {
        Files.write(dir.resolve("img.raw"), new byte[16]);
        Files.writeString(dir.resolve("img.usrhash"), " " + HASH.substring(0, 32) + " " + HASH.substring(32) + "\n");
        assertEquals(Optional.of(HASH.toLowerCase()), VeritySidecar.rootHash(dir.resolve("img.raw")));
    }

    @Test
    void rootHash_none() throws Exception {
        Files.write(dir.resolve("img.raw"), new byte[16]);
        assertEquals(Optional.empty(), VeritySidecar.rootHash(dir.resolve("img.raw")));
        Files.write(dir.resolve("other.img"), new byte[16]);
        Files.writeString(dir.resolve("other.roothash"), HASH);
        assertEquals(Optional.empty(), VeritySidecar.rootHash(dir.resolve("other.img")));
    }

    @Test
    void rootHash_malformed_fails() throws Exception {
        Files.write(dir.resolve("img.raw"), new byte[16]);
        Files.writeString(dir.resolve("img.roothash"), HASH.substring(1));
        assertThrows(InvalidRootHashException.class, () -> VeritySidecar.rootHash(dir.resolve("img.raw")));
        Files.writeString(dir.resolve("img.roothash"), "zz" + HASH.substring(2));
        assertThrows(InvalidRootHashException.class, () -> VeritySidecar.rootHash(dir.resolve("img.raw")));
        Files.writeString(dir.resolve("img.roothash"), "abcd");
        assertThrows(InvalidRootHashException.class, () -> VeritySidecar.rootHash(dir.resolve("img.raw")));
    }

    @Property
    void parse_arbitraryText_givesHexOrInvalidRootHash(@ForAll String text) {
        try {
            String hex = VeritySidecar.parse(text, "t");
            assertEquals(hex, hex.toLowerCase());
        } catch (InvalidRootHashException expected) {
            // documented failure
        }
    }
}
