package dev.confext.cli.extension;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ReleaseFile;
import dev.confext.verity.api.DissectEnvironment;
import java.util.Optional;

/**
 * Reads the extension-release file out of a raw or block image, which needs the image opened (and
 * usually mounted). The mount module provides one; until it is plugged in through {@link #INSTALLED},
 * {@code list --explain} says the answer needs a mount.
 */
@FunctionalInterface
interface DiskImageReleaseReader {
    /** The reader {@code list --explain} uses for disk images, if any. Plug a new one in here. */
    Optional<DiskImageReleaseReader> INSTALLED = Privileges.canMount()
            ? Optional.of(dev.confext.mount.api.ImageInspector::readRelease) : Optional.empty();

    /**
     * The image's extension-release file, empty when it has none; a disk image is dissected under the
     * switches of {@code environment}.
     *
     * @throws ConfextException when the image cannot be opened or read
     */
    Optional<ReleaseFile> read(DiscoveredImage image, ExtensionKind kind, DissectEnvironment environment)
            throws ConfextException;
}
