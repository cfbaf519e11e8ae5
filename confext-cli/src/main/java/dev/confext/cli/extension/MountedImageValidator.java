package dev.confext.cli.extension;

import dev.confext.core.api.Compatibility;
import dev.confext.core.api.ConfextException;
import dev.confext.core.api.EnvFileException;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ReleaseNotUniqueException;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ExtensionRelease;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ReleaseFile;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;
import dev.confext.mount.api.ImageValidator;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a raw image once the executor mounted it. As systemd 262 does when it reads an image's
 * metadata, a raw image with no extension-release file for either kind ("No medium found") or with an
 * ambiguous fallback ("Name not unique on network") is fatal for the verb; an OS tree
 * ({@code /usr/lib/os-release}) or an image whose release data for this kind does not fit the host is
 * ignored (spec §7.3 step 4c/4d), and so is one whose release file cannot be parsed (no release data).
 * Stateless.
 */
final class MountedImageValidator implements ImageValidator {
    /** The end of the reason given for an image that is an OS tree. */
    private static final String OS_TREE = " is an OS tree (it has /usr/lib/os-release), not an extension";

    private final ExtensionKind kind;
    private final HostRelease host;

    MountedImageValidator(ExtensionKind kind, HostRelease host) {
        this.kind = kind;
        this.host = host;
    }

    /** Whether {@code reason} is the one given for an image that is an OS tree. */
    static boolean isOsTree(String reason) {
        return reason.endsWith(OS_TREE);
    }

    @Override
    public Verdict validate(String name, Root image) throws ConfextException {
        if (image.resolve("/usr/lib/os-release", dev.confext.core.api.ResolveOption.NONEXISTENT).exists()) {
            return Verdict.reject("Image " + name + OS_TREE);
        }
        Optional<ReleaseFile> own;
        try {
            own = ExtensionRelease.find(image, name, kind);
        } catch (EnvFileException e) {
            // present but unparsable (e.g. invalid UTF-8): systemd warns and treats the image as having no
            // release data, which ignores it (merged under --force)
            return Compatibility.check(kind, host, name, Optional.empty());
        } catch (ReleaseNotUniqueException e) {
            throw new ConfextException(Errno.ENOTUNIQ.text(), e);
        }
        try {
            if (own.isEmpty()) {
                ExtensionKind other = kind == ExtensionKind.SYSEXT ? ExtensionKind.CONFEXT : ExtensionKind.SYSEXT;
                if (ExtensionRelease.find(image, name, other).isEmpty()) {
                    throw new ConfextException(Errno.ENOMEDIUM.text());
                }
            }
        } catch (ReleaseNotUniqueException e) {
            throw new ConfextException(Errno.ENOTUNIQ.text(), e);
        }
        Optional<Map<String, String>> values = own.map(ReleaseFile::values);
        return Compatibility.check(kind, host, name, values);
    }
}
