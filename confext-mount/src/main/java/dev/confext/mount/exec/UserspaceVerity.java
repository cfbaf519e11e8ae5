package dev.confext.mount.exec;

import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.origin.InvalidRootHashException;
import dev.confext.mount.origin.VeritySidecar;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * This kernel has no device-mapper, so dm-verity cannot protect a raw image while it is mounted. As an
 * explicit opt-in, the whole image is checked against its root hash in userspace before it is mounted
 * read-only: every data and hash block of the {@code <image>.verity} sidecar tree (veritysetup format,
 * superblock at offset 0) must match the root hash from the xattr or {@code <image>.roothash}. This
 * protects against an image that was tampered with at rest, not against changes after the check.
 * Stateless.
 */
final class UserspaceVerity {
    private UserspaceVerity() {}

    /** Whether {@code image} has a root hash and a hash tree sidecar, i.e. can be verified. */
    static boolean available(Path image) {
        try {
            return VeritySidecar.rootHash(image).isPresent() && Files.isRegularFile(treeOf(image));
        } catch (InvalidRootHashException e) {
            return true; // verify() reports the malformed hash
        }
    }

    /**
     * Verifies the whole image.
     *
     * @throws ImageMountException when there is no root hash or tree, or a block does not match
     */
    static void verify(String name, Path image) throws ImageMountException {
        Optional<String> hash;
        try {
            hash = VeritySidecar.rootHash(image);
        } catch (InvalidRootHashException e) {
            throw new ImageMountException(name, e.getMessage());
        }
        Path tree = treeOf(image);
        if (hash.isEmpty() || !Files.isRegularFile(tree)) {
            throw new ImageMountException(name, "no root hash and verity tree (" + tree.getFileName()
                    + ") to verify it with");
        }
        VerificationResult result;
        try {
            result = VerityFormat.defaults().verifyWithSuperblock(image, tree, 0, HexFormat.of().parseHex(hash.get()),
                    VerityProgressListener.NONE);
        } catch (VerityException e) {
            throw new ImageMountException(name, "verity verification failed: " + e.getMessage());
        }
        if (!result.intact()) {
            throw new ImageMountException(name, "verity verification failed: " + result.failure().orElseThrow());
        }
    }

    private static Path treeOf(Path image) {
        String file = image.getFileName().toString();
        String base = file.endsWith(".raw") ? file.substring(0, file.length() - 4) : file;
        return image.resolveSibling(base + ".verity");
    }
}
