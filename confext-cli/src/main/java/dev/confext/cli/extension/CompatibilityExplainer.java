package dev.confext.cli.extension;

import dev.confext.core.api.Compatibility;
import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ExtensionRelease;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ImageType;
import dev.confext.core.api.ReleaseFile;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;
import java.io.IOException;
import java.util.Optional;

/**
 * Tells for one image at a time whether {@code merge} would take it on the host of the options' root,
 * and why: the checks of spec §4 on the image's extension-release data. Reads the host's os-release once;
 * single use per command.
 */
final class CompatibilityExplainer {
    private final ExtensionOptions options;
    private final Optional<DiskImageReleaseReader> diskReader;
    private HostOrError host;

    private record HostOrError(HostRelease release, String error) {}

    CompatibilityExplainer(ExtensionOptions options, Optional<DiskImageReleaseReader> diskReader) {
        this.options = options;
        this.diskReader = diskReader;
    }

    Explanation explain(DiscoveredImage image) {
        ExtensionKind kind = options.kind();
        Root imageRoot = Root.of(image.path().hostPath());
        switch (image.type()) {
            case MSTACK:
                return Explanation.no("mstack images are not supported: merge fails on them (Operation not supported)");
            case DIRECTORY:
            case SUBVOLUME:
                if (kind == ExtensionKind.SYSEXT && carriesOsRelease(imageRoot)) {
                    return Explanation.no("contains usr/lib/os-release, i.e. it is an OS tree, not an extension:"
                            + " merge aborts on it, even with --force");
                }
                if (options.force()) {
                    return Explanation.yes("--force: compatibility is not checked");
                }
                return decide(image, () -> ExtensionRelease.find(imageRoot, image.name(), kind));
            case RAW:
            case BLOCK:
            default:
                if (diskReader.isEmpty()) {
                    return withoutReader(image);
                }
                if (options.force()) {
                    return Explanation.yes("--force: compatibility is not checked");
                }
                return decide(image, () -> diskReader.get().read(image, kind, options.dissectEnvironment()));
        }
    }

    /** A disk image whose release data cannot be read here: say what it is, and reject what systemd cannot open. */
    private static Explanation withoutReader(DiscoveredImage image) {
        if (image.type() == ImageType.RAW) {
            try {
                Optional<String> what = DiskImageProbe.probe(image.path());
                if (what.isEmpty()) {
                    return Explanation.no("no partition table and no file system that systemd mounts: merge fails on"
                            + " it (Package not installed)");
                }
                return Explanation.unknown(what.get() + "; its extension-release file is inside the image, and reading"
                        + " it needs the image mounted, which list does not do");
            } catch (IOException e) {
                return Explanation.no("cannot be read: " + e.getMessage());
            }
        }
        return Explanation.unknown("its extension-release file is inside the disk image;"
                + " reading it needs the image mounted, which list does not do");
    }

    private interface ReleaseLookup {
        Optional<ReleaseFile> find() throws ConfextException;
    }

    private Explanation decide(DiscoveredImage image, ReleaseLookup lookup) {
        HostOrError hostData = host();
        if (hostData.release() == null) {
            return Explanation.no(hostData.error());
        }
        Optional<ReleaseFile> release;
        try {
            release = lookup.find();
        } catch (ConfextException e) {
            return Explanation.no(e.getMessage());
        }
        Verdict verdict = Compatibility.check(options.kind(), hostData.release(), image.name(),
                release.map(ReleaseFile::values));
        return verdict.compatible() ? Explanation.yes(verdict.reason()) : Explanation.no(verdict.reason());
    }

    private HostOrError host() {
        if (host == null) {
            try {
                host = new HostOrError(HostRelease.read(options.root(), options.kind(), options.environment()), null);
            } catch (ConfextException e) {
                host = new HostOrError(null, e.getMessage());
            }
        }
        return host;
    }

    private static boolean carriesOsRelease(Root imageRoot) {
        try {
            return imageRoot.resolve("/usr/lib/os-release").exists();
        } catch (ResolveException e) {
            return false;
        }
    }
}
