package dev.confext.mount.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
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
 *
 * Confinement (R = {@code dir/root}, S = {@code dir/outside}):
 * <pre>
 * dir/
 * ├── outside/                          (S)
 * │   ├── img.roothash                  OUTSIDE_HASH
 * │   └── img.verity
 * └── root/                             (R)
 *     ├── store/img.roothash            HASH (an absolute link re-rooted at R lands here)
 *     └── images/
 *         ├── img.raw
 *         ├── img.roothash -> S/img.roothash   (or -> /store/img.roothash, ../../../outside/img.roothash)
 *         └── img.verity   -> S/img.verity
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
    void designatedRootHash_roothashAndUsrhash_rootWins() throws Exception {
        Files.write(dir.resolve("img.raw"), new byte[16]);
        Files.writeString(dir.resolve("img.usrhash"), HASH.substring(2) + "00");
        Files.writeString(dir.resolve("img.roothash"), HASH);
        ResolvedPath image = Root.of(dir).resolve("/img.raw");
        assertEquals(Optional.of(new VeritySidecar.DesignatedHash("root", HASH.toLowerCase())),
                VeritySidecar.designatedRootHash(image));
    }

    @Test
    void designatedRootHash_onlyUsrhash_isForUsr() throws Exception {
        Files.write(dir.resolve("img.raw"), new byte[16]);
        Files.writeString(dir.resolve("img.usrhash"), HASH);
        ResolvedPath image = Root.of(dir).resolve("/img.raw");
        assertEquals(Optional.of(new VeritySidecar.DesignatedHash("usr", HASH.toLowerCase())),
                VeritySidecar.designatedRootHash(image));
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

    private static final String OUTSIDE_HASH = "5e".repeat(32);

    private ResolvedPath confinedImage() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("img.roothash"), OUTSIDE_HASH + "\n");
        Files.writeString(outside.resolve("img.verity"), "tree");
        Path images = Files.createDirectories(dir.resolve("root/images"));
        Files.createDirectories(dir.resolve("root/store"));
        Files.writeString(dir.resolve("root/store/img.roothash"), HASH + "\n");
        Files.write(images.resolve("img.raw"), new byte[16]);
        return Root.of(dir.resolve("root")).resolve("/images/img.raw");
    }

    @Test
    void rootHash_sidecarLinkedOutsideRoot_notRead() throws Exception {
        ResolvedPath image = confinedImage();
        Files.createSymbolicLink(dir.resolve("root/images/img.roothash"), dir.resolve("outside/img.roothash"));

        assertEquals(Optional.empty(), VeritySidecar.rootHash(image));
    }

    @Test
    void rootHash_sidecarClimbingOutOfRoot_clampedAtRoot() throws Exception {
        ResolvedPath image = confinedImage();
        Files.createSymbolicLink(dir.resolve("root/images/img.roothash"), Path.of("../../../outside/img.roothash"));

        assertEquals(Optional.empty(), VeritySidecar.rootHash(image));
    }

    @Test
    void rootHash_sidecarAbsoluteLink_followedInsideRoot() throws Exception {
        ResolvedPath image = confinedImage();
        Files.createSymbolicLink(dir.resolve("root/images/img.roothash"), Path.of("/store/img.roothash"));

        assertEquals(Optional.of(HASH.toLowerCase()), VeritySidecar.rootHash(image));
    }

    @Test
    void rootHash_sidecarIsDirectory_fails() throws Exception {
        ResolvedPath image = confinedImage();
        Files.createDirectory(dir.resolve("root/images/img.roothash"));

        assertThrows(InvalidRootHashException.class, () -> VeritySidecar.rootHash(image));
    }

    @Test
    void rootHash_sidecarTooLarge_fails() throws Exception {
        ResolvedPath image = confinedImage();
        Files.write(dir.resolve("root/images/img.roothash"), new byte[VeritySidecar.MAX_SIDECAR_BYTES + 1]);

        assertThrows(InvalidRootHashException.class, () -> VeritySidecar.rootHash(image));
    }

    @Test
    void rootHashOfHostPath_sidecarLinkedOutOfImageDirectory_notRead() throws Exception {
        confinedImage();
        Files.createSymbolicLink(dir.resolve("root/images/img.roothash"), dir.resolve("outside/img.roothash"));

        assertEquals(Optional.empty(), VeritySidecar.rootHash(dir.resolve("root/images/img.raw")));
    }

    @Test
    void sidecar_treeLinkedOutsideRoot_absent() throws Exception {
        ResolvedPath image = confinedImage();
        Files.createSymbolicLink(dir.resolve("root/images/img.verity"), dir.resolve("outside/img.verity"));

        assertEquals(Optional.empty(), VeritySidecar.sidecar(image, ".verity"));
    }

    @Test
    void sidecar_treeNextToImage_resolvedInsideRoot() throws Exception {
        ResolvedPath image = confinedImage();
        Files.writeString(dir.resolve("root/images/img.verity"), "tree");

        assertEquals(Optional.of("/images/img.verity"), VeritySidecar.sidecar(image, ".verity").map(ResolvedPath::path));
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
