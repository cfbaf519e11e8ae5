package dev.confext.cli.extension;

import dev.confext.core.api.Compatibility;
import dev.confext.core.api.ConfextException;
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
 * Validates a raw image once the executor mounted it (spec §7.3 step 4c/4d): it must not be an OS tree
 * ({@code /usr/lib/os-release}), must carry an extension-release file for one of the two kinds, and its
 * release data for this kind must fit the host. Stateless.
 */
final class MountedImageValidator implements ImageValidator {
    private final ExtensionKind kind;
    private final HostRelease host;

    MountedImageValidator(ExtensionKind kind, HostRelease host) {
        this.kind = kind;
        this.host = host;
    }

    @Override
    public Verdict validate(String name, Root image) throws ConfextException {
        if (image.resolve("/usr/lib/os-release", dev.confext.core.api.ResolveOption.NONEXISTENT).exists()) {
            return Verdict.reject("Image " + name + " is an OS tree (it has /usr/lib/os-release), not an extension");
        }
        Optional<ReleaseFile> own = ExtensionRelease.find(image, name, kind);
        if (own.isEmpty()) {
            ExtensionKind other = kind == ExtensionKind.SYSEXT ? ExtensionKind.CONFEXT : ExtensionKind.SYSEXT;
            if (ExtensionRelease.find(image, name, other).isEmpty()) {
                return Verdict.reject("Image " + name + " has no extension-release file");
            }
        }
        Optional<Map<String, String>> values = own.map(ReleaseFile::values);
        return Compatibility.check(kind, host, name, values);
    }
}
