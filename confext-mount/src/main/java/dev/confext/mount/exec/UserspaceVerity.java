package dev.confext.mount.exec;

import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.origin.InvalidRootHashException;
import dev.confext.mount.origin.VeritySidecar;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityProgressListener;
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

    /**
     * Whether {@code image} has a root hash and a hash tree sidecar inside its root, i.e. can be verified; never
     * when {@code environment} turns sidecar files off ({@code $SYSTEMD_DISSECT_VERITY_SIDECAR=0}): the image then
     * has no verity data.
     */
    static boolean available(ResolvedPath image, DissectEnvironment environment) {
        if (!environment.sidecars()) {
            return false;
        }
        try {
            return VeritySidecar.rootHash(image).isPresent() && VeritySidecar.sidecar(image, ".verity").isPresent();
        } catch (InvalidRootHashException e) {
            return true; // verify() reports the malformed hash
        }
    }

    /**
     * Verifies the whole image. The root hash and the tree are looked up next to the image inside its root
     * (never following a link out of it); the image and the tree are read through descriptors opened there.
     *
     * @throws ImageMountException when there is no root hash or tree, or a block does not match
     */
    static void verify(String name, ResolvedPath image) throws ImageMountException {
        Optional<String> hash;
        Optional<ResolvedPath> tree;
        try {
            hash = VeritySidecar.rootHash(image);
            tree = VeritySidecar.sidecar(image, ".verity");
        } catch (InvalidRootHashException e) {
            throw new ImageMountException(name, e.getMessage());
        }
        if (hash.isEmpty() || tree.isEmpty()) {
            throw new ImageMountException(name, "no root hash and verity tree (" + image.fileName()
                    .replaceFirst("\\.raw$", "") + ".verity) to verify it with");
        }
        Root root = image.root();
        VerificationResult result;
        try (OpenedPath data = root.open(image.path(), ResolveOption.REGULAR);
                OpenedPath hashes = root.open(tree.get().path(), ResolveOption.REGULAR)) {
            result = VerityFormat.defaults().verifyWithSuperblock(data.procPath(), hashes.procPath(), 0,
                    HexFormat.of().parseHex(hash.get()), VerityProgressListener.NONE);
        } catch (ResolveException e) {
            throw new ImageMountException(name, "verity verification failed: " + e.getMessage());
        } catch (VerityException e) {
            throw new ImageMountException(name, "verity verification failed: " + e.getMessage());
        }
        if (!result.intact()) {
            throw new ImageMountException(name, "verity verification failed: " + result.failure().orElseThrow());
        }
    }
}
