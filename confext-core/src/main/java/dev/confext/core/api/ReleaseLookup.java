package dev.confext.core.api;

import dev.confext.core.discovery.Directories;
import dev.confext.core.discovery.ImageNames;
import dev.confext.core.discovery.Inode;
import dev.confext.core.release.BoundedRead;
import dev.confext.core.release.StrictXattr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lookup behind {@link ExtensionRelease}: exact name first, then a unique qualifying fallback. */
final class ReleaseLookup {
    private static final String PREFIX = "extension-release.";

    private ReleaseLookup() {}

    static Optional<ReleaseFile> find(Root imageRoot, String imageName, ExtensionKind kind, boolean relaxed)
            throws ConfextException {
        if (!ImageNames.isValid(imageName)) {
            throw new ConfextException("The extension name " + imageName + " is invalid.");
        }
        String exact = kind.releaseDirectory() + "/" + PREFIX + imageName;
        try {
            ResolvedPath file = imageRoot.resolve(exact);
            return Optional.of(new ReleaseFile(exact, BoundedRead.readEnvFile(file)));
        } catch (ResolveException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
        ResolvedPath directory;
        try {
            directory = imageRoot.resolve(kind.releaseDirectory(), ResolveOption.DIRECTORY);
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
        String[] entries;
        try {
            entries = Directories.list(directory);
        } catch (IOException e) {
            throw new ConfextException("Failed to read " + directory.path() + ": " + Inode.errnoOf(e).text(), e);
        }
        Optional<String> base = relaxed ? Optional.empty() : ImageNames.releaseBase(imageName);
        List<String> candidates = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.startsWith(PREFIX)) {
                continue;
            }
            String suffix = entry.substring(PREFIX.length());
            if (!ImageNames.isValid(suffix)) {
                continue;
            }
            String path = (directory.path().equals("/") ? "" : directory.path()) + "/" + entry;
            try {
                if (Inode.of(imageRoot.hostPath(path)) != Inode.REGULAR) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            if (!relaxed) {
                if (base.isEmpty()) {
                    continue;
                }
                if (!suffix.equals(base.get()) && !StrictXattr.isExplicitlyFalse(imageRoot.hostPath(path))) {
                    continue;
                }
            }
            candidates.add(path);
        }
        if (candidates.size() > 1) {
            throw new ReleaseNotUniqueException(imageName, candidates);
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String path = candidates.get(0);
        ResolvedPath file = imageRoot.resolve(path, ResolveOption.NOFOLLOW);
        return Optional.of(new ReleaseFile(path, BoundedRead.readEnvFile(file)));
    }
}
