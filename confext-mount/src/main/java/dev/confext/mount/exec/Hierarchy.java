package dev.confext.mount.exec;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.Root;
import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.Kernel;
import dev.confext.mount.state.WorkDirFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Facts about one hierarchy's mount point in the calling thread's namespace: whether our overlay is
 * mounted there (spec §7.1: a mount point whose metadata {@code dev} file names its own device) and what
 * its metadata says. Stateless helpers.
 */
final class Hierarchy {
    private Hierarchy() {}

    /** Whether the top mount at {@code path} is one of our merged overlays. */
    static boolean isOurs(ExtensionKind kind, Path path) throws MountException {
        if (!Files.isDirectory(path) || !MountTable.read().isMountPoint(path)) {
            return false;
        }
        Optional<String> dev = readSmall(path.resolve(kind.metadataDirectory()).resolve("dev"));
        if (dev.isEmpty()) {
            return false;
        }
        String device;
        try {
            device = Kernel.statx(path.toString()).device();
        } catch (MountException e) {
            return false;
        }
        return dev.get().strip().equals(device);
    }

    /**
     * The workdir recorded in {@code work_dir} of the merge at {@code path}, as a host path inside {@code root}:
     * its directories are resolved as if the root were {@code /} (a symbolic link among them cannot lead out of the
     * root), its last component is not followed. Empty when there is no {@code work_dir} file, or when the directory
     * holding the workdir cannot be resolved (then there is nothing to remove).
     *
     * @throws MountException as systemd fails, before anything is unmounted, when the file cannot be read or does not
     *     hold a clean relative path ({@link WorkDirFile})
     */
    static Optional<Path> recordedWorkDir(ExtensionKind kind, Path path, Root root) throws MountException {
        Path file = path.resolve(kind.metadataDirectory()).resolve("work_dir");
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MountException("Failed to read '" + file + "': " + e.getMessage(), e);
        }
        String relative;
        try {
            relative = WorkDirFile.relativePath(content);
        } catch (IllegalArgumentException e) {
            throw new MountException(e.getMessage(), e);
        }
        while (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        int slash = relative.lastIndexOf('/');
        String parent = slash < 0 ? "/" : "/" + relative.substring(0, slash);
        try {
            return Optional.of(root.resolve(parent, ResolveOption.NONEXISTENT).hostPath()
                    .resolve(relative.substring(slash + 1)));
        } catch (ResolveException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readSmall(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes {@code directory} and everything below it, not following symlinks; missing is fine. */
    static void removeTree(Path directory) throws IOException {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(directory)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    removeTree(child);
                }
            }
        }
        Files.delete(directory);
    }
}
