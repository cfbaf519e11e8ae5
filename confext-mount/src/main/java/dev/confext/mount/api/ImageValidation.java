package dev.confext.mount.api;

import dev.confext.core.api.Compatibility;
import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.EnvFileException;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ExtensionRelease;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ReleaseFile;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;
import dev.confext.mount.origin.DiskImageRootHash;
import dev.confext.mount.origin.InvalidRootHashException;
import dev.confext.mount.origin.OriginEntries;
import dev.confext.mount.origin.VeritySidecar;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Origin;
import dev.confext.mount.plan.OriginEntry;
import dev.confext.verity.api.DissectEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Validates discovered images as far as is possible without mounting anything (spec §7.3 steps 3–4):
 * directory images are read in place; raw and block images stay {@link ImageVerdict.Status#PENDING} (the
 * executor validates them once mounted) unless they are unchanged members of the current merge, whose
 * release data is then read from the merged tree. Stateless.
 */
public final class ImageValidation {
    private ImageValidation() {}

    /**
     * Validates every image.
     *
     * @param kind          sysext or confext
     * @param root          the target root (its merged tree is read for unchanged raw images)
     * @param host          the host's os-release data
     * @param images        the discovered images, in discovery order
     * @param force         {@code --force}: compatibility is not checked
     * @param currentOrigin the origin of the current merge, if any ({@link MergePlanner#currentOrigin})
     * @return one candidate per image, in the same order
     */
    public static List<ImageCandidate> validate(ExtensionKind kind, Root root, HostRelease host,
            List<DiscoveredImage> images, boolean force, Optional<Origin> currentOrigin) {
        return validate(kind, root, host, images, force, currentOrigin, DissectEnvironment.defaults());
    }

    /**
     * As {@link #validate(ExtensionKind, Root, HostRelease, List, boolean, Optional)}, taking a raw image's root
     * hash (its identity in the origin) only from where {@code environment} allows: no sidecar files or xattrs
     * without {@link DissectEnvironment#sidecars()}, and for a disk image as {@code DdiReader} does under it.
     */
    public static List<ImageCandidate> validate(ExtensionKind kind, Root root, HostRelease host,
            List<DiscoveredImage> images, boolean force, Optional<Origin> currentOrigin,
            DissectEnvironment environment) {
        return validate(kind, root, host, images, force, currentOrigin, environment, warning -> { });
    }

    /**
     * As {@link #validate(ExtensionKind, Root, HostRelease, List, boolean, Optional, DissectEnvironment)},
     * handing {@code warnings} the line systemd prints for a directory image whose release file is not valid
     * UTF-8 ({@code PATH:LINE: invalid UTF-8 value for key K: '...', ignoring.}, the file named by its path on
     * the caller's file system), as the image is validated.
     */
    public static List<ImageCandidate> validate(ExtensionKind kind, Root root, HostRelease host,
            List<DiscoveredImage> images, boolean force, Optional<Origin> currentOrigin,
            DissectEnvironment environment, Consumer<String> warnings) {
        List<ImageCandidate> out = new ArrayList<>();
        for (DiscoveredImage image : images) {
            out.add(validate(kind, root, host, image, force, currentOrigin, environment, warnings));
        }
        return List.copyOf(out);
    }

    private static ImageCandidate validate(ExtensionKind kind, Root root, HostRelease host, DiscoveredImage image,
            boolean force, Optional<Origin> currentOrigin, DissectEnvironment environment,
            Consumer<String> warnings) {
        String name = image.name();
        switch (image.type()) {
            case DIRECTORY:
            case SUBVOLUME: {
                Root imageRoot = Root.of(image.path().hostPath());
                if (kind == dev.confext.core.api.ExtensionKind.SYSEXT && exists(imageRoot, "/usr/lib/os-release")) {
                    // an OS tree (usr/lib/os-release), not an extension; upstream reports just the errno
                    return new ImageCandidate(image, ImageVerdict.Status.BROKEN, Errno.ENOMEDIUM.text(),
                            Optional.empty(), Optional.empty());
                }
                // A release file that cannot be read (ambiguous fallback, invalid UTF-8, a directory, a link
                // loop, ...) leaves a directory image without release data, as in systemd: never fatal, and
                // merged anyway under --force.
                Optional<ReleaseFile> release;
                String unreadable = "";
                try {
                    release = ExtensionRelease.find(imageRoot, name, kind);
                } catch (ConfextException e) {
                    if (e instanceof EnvFileException invalid) {
                        invalid.file().flatMap(file -> invalid.invalidUtf8Warning(file.hostPath().toString()))
                                .ifPresent(warnings);
                    }
                    release = Optional.empty();
                    unreadable = " (release file unreadable: " + e.getMessage() + ")";
                }
                Verdict verdict = force ? Verdict.accept("--force: compatibility not checked")
                        : Compatibility.check(kind, host, name, release.map(ReleaseFile::values));
                return new ImageCandidate(image,
                        verdict.compatible() ? ImageVerdict.Status.ACCEPTED : ImageVerdict.Status.REJECTED,
                        verdict.reason() + unreadable, Optional.of(image.path().hostPath()), Optional.empty());
            }
            case RAW:
            case BLOCK: {
                Optional<String> hash;
                try {
                    Optional<String> sidecar = image.type() == dev.confext.core.api.ImageType.RAW
                            && environment.sidecars() ? VeritySidecar.rootHash(image.path()) : Optional.empty();
                    hash = sidecar.isPresent() ? sidecar : DiskImageRootHash.of(image.path(), environment);
                } catch (InvalidRootHashException e) {
                    return new ImageCandidate(image, ImageVerdict.Status.BROKEN, e.getMessage(), Optional.empty(),
                            Optional.empty());
                }
                Optional<ImageCandidate> fromMerged = fromMergedTree(kind, root, host, image, hash, force, currentOrigin);
                return fromMerged.orElseGet(() -> new ImageCandidate(image, ImageVerdict.Status.PENDING,
                        "release data is read once the image is mounted", Optional.empty(), hash));
            }
            default:
                return new ImageCandidate(image, ImageVerdict.Status.BROKEN, Errno.EOPNOTSUPP.text(), Optional.empty(),
                        Optional.empty());
        }
    }

    /**
     * An image of the current merge whose identity is unchanged has the same content, so its release file in
     * the merged tree is the one inside the image.
     */
    private static Optional<ImageCandidate> fromMergedTree(ExtensionKind kind, Root root, HostRelease host,
            DiscoveredImage image, Optional<String> hash, boolean force, Optional<Origin> currentOrigin) {
        if (currentOrigin.isEmpty()) {
            return Optional.empty();
        }
        OriginEntry recorded = currentOrigin.get().extensions().get(image.name());
        if (recorded == null || !recorded.equals(OriginEntries.of(image, hash))) {
            return Optional.empty();
        }
        if (recorded.verityHash().isEmpty() && !recorded.onMountId().isPresent()) {
            return Optional.empty(); // too weak an identity to vouch for unchanged content
        }
        Optional<ReleaseFile> release;
        try {
            release = ExtensionRelease.find(root, image.name(), kind);
        } catch (ConfextException e) {
            return Optional.empty();
        }
        if (release.isEmpty()) {
            return Optional.empty();
        }
        Verdict verdict = force ? Verdict.accept("--force: compatibility not checked")
                : Compatibility.check(kind, host, image.name(), Optional.of(Map.copyOf(release.get().values())));
        return Optional.of(new ImageCandidate(image,
                verdict.compatible() ? ImageVerdict.Status.ACCEPTED : ImageVerdict.Status.REJECTED,
                verdict.reason() + " (release data read from the merged tree: the image is unchanged)",
                Optional.empty(), hash));
    }

    private static boolean exists(Root root, String path) {
        try {
            return root.resolve(path).exists();
        } catch (ResolveException e) {
            return false;
        }
    }
}
