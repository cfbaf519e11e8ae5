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
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;
import dev.confext.mount.api.ImageValidator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Validates a raw image once the executor mounted it. As systemd 262 does when it reads an image's
 * metadata, a raw image with no extension-release file for either kind ("No medium found") or with an
 * ambiguous fallback ("Name not unique on network") is fatal for the verb; an OS tree
 * ({@code /usr/lib/os-release}) or an image whose release data for this kind does not fit the host is
 * ignored (spec §7.3 step 4c/4d), and so is one whose release file cannot be parsed (no release data).
 * Like systemd, which reads an image's {@code machine-info}, {@code os-release}, {@code initrd-release} and
 * both kinds' extension-release files whatever the verdict, it reports invalid UTF-8 in any of them with
 * systemd's warning, naming the file by that role ({@code sysext-release:3: invalid UTF-8 value for key K:
 * '...', ignoring.}).
 * A release file that cannot be followed (a symlink loop, a file where a directory should be) is fatal with the
 * bare errno text, as systemd prints it. Stateless.
 */
final class MountedImageValidator implements ImageValidator {
    /** The end of the reason given for an image that is an OS tree. */
    private static final String OS_TREE = " is an OS tree (it has /usr/lib/os-release), not an extension";

    private final ExtensionKind kind;
    private final HostRelease host;
    private final Consumer<String> warnings;

    MountedImageValidator(ExtensionKind kind, HostRelease host) {
        this(kind, host, warning -> { });
    }

    /** A validator that hands systemd's warnings about invalid UTF-8 in the image's files to {@code warnings}. */
    MountedImageValidator(ExtensionKind kind, HostRelease host, Consumer<String> warnings) {
        this.kind = kind;
        this.host = host;
        this.warnings = warnings;
    }

    /** Whether {@code reason} is the one given for an image that is an OS tree. */
    static boolean isOsTree(String reason) {
        return reason.endsWith(OS_TREE);
    }

    @Override
    public Verdict validate(String name, Root image) throws ConfextException {
        warnAboutMetadata(name, image);
        try {
            return check(name, image);
        } catch (ResolveException e) {
            // a release file (or a directory on its way) that cannot be followed: systemd gives only the errno
            throw new ConfextException(e.errno().text(), e);
        }
    }

    private Verdict check(String name, Root image) throws ConfextException {
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

    /**
     * Reads the image's files as systemd does when it acquires an image's metadata (in its order, before it
     * looks at any of them), only to warn about invalid UTF-8 in them.
     */
    private void warnAboutMetadata(String name, Root image) {
        warnAboutEnvFile(image, "machine-info", "/etc/machine-info");
        warnAboutEnvFile(image, "os-release", "/etc/os-release", "/usr/lib/os-release");
        warnAboutEnvFile(image, "initrd-release", "/etc/initrd-release", "/usr/lib/initrd-release");
        for (ExtensionKind which : new ExtensionKind[] {ExtensionKind.SYSEXT, ExtensionKind.CONFEXT}) {
            try {
                ExtensionRelease.find(image, name, which);
            } catch (EnvFileException e) {
                e.invalidUtf8Warning(which == ExtensionKind.SYSEXT ? "sysext-release" : "confext-release")
                        .ifPresent(warnings);
            } catch (ConfextException e) {
                // judged by validate() for this kind, not a warning
            }
        }
    }

    /** Reads the first of {@code paths} that exists in the image only to warn about invalid UTF-8 in it. */
    private void warnAboutEnvFile(Root image, String label, String... paths) {
        for (String path : paths) {
            dev.confext.core.api.ResolvedPath file;
            try {
                file = image.resolve(path);
            } catch (ConfextException e) {
                continue;
            }
            try {
                dev.confext.core.release.BoundedRead.readEnvFile(file);
            } catch (EnvFileException e) {
                e.invalidUtf8Warning(label).ifPresent(warnings);
            }
            return;
        }
    }
}
