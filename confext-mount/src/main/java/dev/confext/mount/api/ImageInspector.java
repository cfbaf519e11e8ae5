package dev.confext.mount.api;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ExtensionRelease;
import dev.confext.core.api.ReleaseFile;
import dev.confext.mount.exec.ImageInspection;
import dev.confext.verity.api.DissectEnvironment;
import java.util.Optional;

/**
 * Reads what is inside a raw image without merging it: the image is mounted read-only in a private mount
 * namespace that only lives for the call, so nothing becomes visible anywhere. Needs the privilege to
 * mount. Stateless.
 */
public final class ImageInspector {
    private ImageInspector() {}

    /**
     * The image's extension-release file for {@code kind} (spec §4.2 lookup), empty when it has none. A disk
     * image's partition is chosen under the dissection switches of {@code environment}, as a merge chooses it.
     *
     * @throws MountException   when the image cannot be mounted (e.g. "Package not installed")
     * @throws ConfextException when the release data is ambiguous or unreadable
     */
    public static Optional<ReleaseFile> readRelease(DiscoveredImage image, ExtensionKind kind,
            DissectEnvironment environment) throws ConfextException {
        return ImageInspection.withMounted(image, environment,
                mounted -> ExtensionRelease.find(mounted, image.name(), kind));
    }
}
