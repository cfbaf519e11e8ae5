package dev.confext.mount.api;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;

/**
 * Decides, once an image is mounted, whether it is merged: it must carry usable release data for the kind
 * and be compatible with the host (spec §7.3 step 4c/4d). A rejection is "ignored" (merged anyway under
 * {@code --force}); an exception is fatal, with or without {@code --force}.
 */
@FunctionalInterface
public interface ImageValidator {
    /**
     * @param name  the image name
     * @param image the mounted image as a root (paths inside it resolve inside the image)
     * @throws ConfextException when the image's data cannot be read at all (fatal for the merge)
     */
    Verdict validate(String name, Root image) throws ConfextException;
}
