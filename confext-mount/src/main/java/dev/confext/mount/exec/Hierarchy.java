package dev.confext.mount.exec;

import dev.confext.core.api.ExtensionKind;
import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.Kernel;
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

    /** The workdir recorded in {@code work_dir} of the merge at {@code path}, as a host path below {@code root}. */
    static Optional<Path> recordedWorkDir(ExtensionKind kind, Path path, Path root) {
        Optional<String> text = readSmall(path.resolve(kind.metadataDirectory()).resolve("work_dir"));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            String relative = dev.confext.mount.plan.CEscape.unescape(value);
            while (relative.startsWith("/")) {
                relative = relative.substring(1);
            }
            return Optional.of(root.resolve(relative));
        } catch (IllegalArgumentException e) {
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
