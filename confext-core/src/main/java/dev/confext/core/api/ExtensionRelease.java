package dev.confext.core.api;

import java.util.Optional;

/** Finds the extension-release file of an image (spec §4.2). Stateless. */
public final class ExtensionRelease {
    private ExtensionRelease() {}

    /**
     * Looks up {@code extension-release.NAME} in the kind's release directory inside the image, or a
     * single fallback file that qualifies by name base or by the {@code user.extension-release.strict}
     * xattr being false.
     *
     * @param imageRoot the image's root (a mounted image or an image directory)
     * @param imageName the discovery name of the image
     * @param kind      which release directory to look in
     * @return the file and its values, or empty when there is none
     * @throws ReleaseNotUniqueException when two or more fallback files qualify
     * @throws ConfextException          when the file exists but cannot be read or parsed, or the
     *                                   directory cannot be read
     */
    public static Optional<ReleaseFile> find(Root imageRoot, String imageName, ExtensionKind kind)
            throws ConfextException {
        return ReleaseLookup.find(imageRoot, imageName, kind, false);
    }

    /**
     * Like {@link #find}, but any single valid {@code extension-release.*} regular file qualifies in the
     * fallback step (used for the merged tree's reload-manager lookup).
     *
     * @throws ReleaseNotUniqueException when two or more files qualify
     * @throws ConfextException          when a file cannot be read or parsed
     */
    public static Optional<ReleaseFile> findRelaxed(Root imageRoot, String imageName, ExtensionKind kind)
            throws ConfextException {
        return ReleaseLookup.find(imageRoot, imageName, kind, true);
    }
}
