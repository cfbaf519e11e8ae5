package dev.confext.mount.origin;

import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import dev.confext.mount.kernel.FilesystemType;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityInfo;
import java.io.IOException;
import java.util.Optional;

/**
 * The dm-verity root hash of a Discoverable Disk Image, read from its partition table without mounting
 * anything (spec §8.1 steps 4–5): the {@code rootHash} of its verity signature partition, else the data and
 * verity partition UUIDs put together. The image is opened inside its root and read through that descriptor.
 * Stateless.
 */
public final class DiskImageRootHash {
    private static final DdiReader READER = DdiReader.create();

    private DiskImageRootHash() {}

    /**
     * The root hash of {@code image}, lowercase hex; empty when it is not a GPT disk image, cannot be read, or
     * has no verity partition for its root (or usr) partition.
     *
     * @param image the resolved raw image or block device inside its root
     * @throws InvalidRootHashException when the image is a GPT disk image whose table, verity superblock or
     *                                  signature partition is malformed
     */
    public static Optional<String> of(ResolvedPath image) throws InvalidRootHashException {
        return of(image, DissectEnvironment.defaults());
    }

    /**
     * As {@link #of(ResolvedPath)}, taking the root hash only from where {@code environment} allows (sidecars,
     * the signature partition, the partition UUIDs); empty when none of them gives it.
     *
     * @throws InvalidRootHashException as {@link #of(ResolvedPath)}
     */
    public static Optional<String> of(ResolvedPath image, DissectEnvironment environment)
            throws InvalidRootHashException {
        try (OpenedPath opened = image.root().open(image.path())) {
            if (FilesystemType.probe(opened.procPath()).filter(t -> t == FilesystemType.GPT).isEmpty()) {
                return Optional.empty();
            }
            DdiImage ddi = READER.withEnvironment(environment).read(opened.procPath());
            return ddi.verity().map(VerityInfo::rootHash).map(h -> h.hex());
        } catch (ResolveException | IOException e) {
            return Optional.empty(); // reading the image fails again, with a message, when it is mounted
        } catch (VerityException e) {
            throw new InvalidRootHashException("Failed to dissect image " + image.root().hostPath(image.path()) + ": "
                    + e.getMessage());
        }
    }
}
