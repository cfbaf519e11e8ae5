package dev.confext.mount.api;

import dev.confext.core.api.DiscoveredImage;
import dev.confext.mount.plan.ImageVerdict;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A discovered image with what validation said about it: the planner's input.
 *
 * @param image       what discovery found
 * @param status      accepted, rejected, broken, or pending (validated once mounted)
 * @param reason      why, in a sentence
 * @param contentRoot where the image's content can be read now (a directory image's own path; a raw image's
 *                    mount point once the executor mounted it); absent for an image not mounted yet
 * @param verityHash  the dm-verity root hash known without mounting (xattr or {@code .roothash} sidecar), lowercase hex
 */
public record ImageCandidate(DiscoveredImage image, ImageVerdict.Status status, String reason,
        Optional<Path> contentRoot, Optional<String> verityHash) {
    public ImageCandidate {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        contentRoot = contentRoot == null ? Optional.empty() : contentRoot;
        verityHash = verityHash == null ? Optional.empty() : verityHash.map(h -> h.toLowerCase(java.util.Locale.ROOT));
    }

    /** The same candidate with another status and reason (the executor's verdict after mounting). */
    public ImageCandidate withStatus(ImageVerdict.Status newStatus, String newReason) {
        return new ImageCandidate(image, newStatus, newReason, contentRoot, verityHash);
    }

    /** The same candidate readable at {@code mountPoint} (after the executor mounted it). */
    public ImageCandidate withContentRoot(Path mountPoint) {
        return new ImageCandidate(image, status, reason, Optional.of(mountPoint), verityHash);
    }

    /** The same candidate with the verity root hash learnt when mounting. */
    public ImageCandidate withVerityHash(String hash) {
        return new ImageCandidate(image, status, reason, contentRoot, Optional.of(hash));
    }
}
