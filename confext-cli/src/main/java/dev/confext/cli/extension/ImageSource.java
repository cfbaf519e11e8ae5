package dev.confext.cli.extension;

import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.DiscoveryException;
import dev.confext.core.api.ImageScanner;
import java.util.List;

/** Where verbs get the discovered images from; tests pass a fake. */
@FunctionalInterface
interface ImageSource {
    /** The library's scanner over the options' kind and root. */
    ImageSource SCANNER = options -> ImageScanner.of(options.kind(), options.root()).discover();

    /**
     * Discovers the images the options select.
     *
     * @throws DiscoveryException when discovery fails as a whole
     */
    List<DiscoveredImage> discover(ExtensionOptions options) throws DiscoveryException;
}
