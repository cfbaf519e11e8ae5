package dev.confext.mount.exec;

import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.Fd;
import dev.confext.mount.kernel.FilesystemType;
import dev.confext.mount.kernel.Kernel;
import dev.confext.mount.kernel.LoopDevices;
import dev.confext.mount.kernel.MountAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Mounts one extension image read-only at a directory of the private namespace: a directory image by a
 * non-recursive bind mount, a raw image (a bare erofs, squashfs, ext4, btrfs or xfs file system) through a
 * loop device. Stateless.
 */
final class ImageMounter {
    private static final long IMAGE_ATTRIBUTES = MountAttributes.RDONLY | MountAttributes.NODEV
            | MountAttributes.NOSUID;

    private ImageMounter() {}

    /**
     * Bind-mounts directory {@code source} read-only at {@code target}.
     *
     * @throws MountException when the bind mount fails
     */
    static void mountDirectory(Path source, Path target) throws MountException {
        try (Fd clone = Kernel.cloneTree(source.toString(), false)) {
            Kernel.setAttributes(clone, MountAttributes.RDONLY, 0, true);
            Kernel.attach(clone, target.toString());
        }
    }

    /**
     * Mounts the file system in raw image {@code image} read-only at {@code target}.
     *
     * @return the file system type found
     * @throws ImageMountException when the image holds no file system we can mount (the message is
     *                             upstream's "Package not installed" for an unrecognised image), or when it
     *                             is a partitioned disk image, which needs device-mapper-free dissection
     * @throws MountException      when a mount call fails
     */
    static FilesystemType mountRaw(String name, Path image, Path target) throws MountException {
        Optional<FilesystemType> type;
        try {
            type = FilesystemType.probe(image);
        } catch (IOException e) {
            throw new ImageMountException(name, "Failed to read " + image + ": " + e.getMessage());
        }
        if (type.isEmpty()) {
            throw new ImageMountException(name, "Package not installed");
        }
        if (type.get() == FilesystemType.GPT) {
            throw new ImageMountException(name,
                    "partitioned disk images (DDIs) are not supported without device-mapper");
        }
        try (LoopDevices.LoopDevice loop = LoopDevices.attach(image.toString(), false);
                Fd context = Kernel.fsopen(type.get().kernelName())) {
            Kernel.setString(context, "source", loop.path());
            Kernel.setFlag(context, "ro");
            Kernel.create(context);
            try (Fd mount = Kernel.fsmount(context, IMAGE_ATTRIBUTES)) {
                Kernel.attach(mount, target.toString());
            }
        }
        return type.get();
    }

    /** Creates {@code directory} and its parents with mode 0700 if missing. */
    static void mkdirs(Path directory) throws MountException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new MountException("Failed to create " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code directory} and missing parents with {@code mode} (before umask) if missing. */
    static void mkdirsWithMode(Path directory, int mode) throws MountException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Path parent = directory.getParent();
            if (parent != null) {
                mkdirsWithMode(parent, mode);
            }
            Files.createDirectory(directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString(rwx(mode))));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made meanwhile
        } catch (IOException e) {
            throw new MountException("Failed to create " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return s.toString();
    }
}
