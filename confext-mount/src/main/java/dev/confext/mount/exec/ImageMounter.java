package dev.confext.mount.exec;

import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.Fd;
import dev.confext.mount.kernel.FilesystemType;
import dev.confext.mount.kernel.Kernel;
import dev.confext.mount.kernel.LoopDevices;
import dev.confext.mount.kernel.MountAttributes;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.DissectEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Mounts one extension image read-only at a directory of the private namespace: a directory image by a
 * non-recursive bind mount, a raw image (a bare erofs, squashfs, ext4, btrfs or xfs file system, or the root or
 * usr partition of a GPT disk image) through a loop device. Stateless.
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
     * Mounts the file system in raw image {@code image} read-only at {@code target}. A Discoverable Disk Image
     * (GPT) gets its root partition (else its usr partition) mounted, through a loop device limited to that
     * partition's byte range, chosen with the verity data {@code environment} allows (a sidecar root hash
     * narrows the choice); nothing is verified here. With a policy that fixes the partition's file system type
     * (see {@link PolicyConstraints#checkFileSystem}), another type is refused before anything is attached.
     *
     * @return the file system type found
     * @throws ImageMountException when the image holds no file system we can mount (the message is
     *                             upstream's "Package not installed" for an unrecognised image), holds a LUKS
     *                             volume, or a disk image is malformed or has no root or usr partition
     * @throws MountException      when a mount call fails
     */
    static FilesystemType mountRaw(String name, Path image, Path target, Optional<PolicyConstraints.Applied> policy,
            DissectEnvironment environment) throws MountException {
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
            DdiPartition partition = DiskImagePartitions.dataPartition(name,
                    DiskImagePartitions.read(name, image, environment));
            return mountPartition(name, image, partition, target, policy);
        }
        refuseEncrypted(name, "the image", type.get());
        checkFileSystem(name, policy, dev.confext.core.api.PartitionDesignator.ROOT, type.get());
        try (LoopDevices.LoopDevice loop = LoopDevices.attach(image.toString(), false)) {
            mountDevice(loop, type.get(), target);
        }
        return type.get();
    }

    /** Mounts one partition of a disk image read-only at {@code target}. */
    private static FilesystemType mountPartition(String name, Path image, DdiPartition partition, Path target,
            Optional<PolicyConstraints.Applied> policy) throws MountException {
        Optional<FilesystemType> type;
        try {
            type = FilesystemType.probe(image, partition.offset(), partition.size());
        } catch (IOException e) {
            throw new ImageMountException(name, "Failed to read " + image + ": " + e.getMessage());
        }
        if (type.isEmpty() || type.get() == FilesystemType.GPT) {
            throw new ImageMountException(name, "Partition " + partition.number() + " (" + partition.type().name()
                    + ") holds no file system that can be mounted");
        }
        refuseEncrypted(name, "partition " + partition.number() + " (" + partition.type().name() + ")", type.get());
        checkFileSystem(name, policy, PolicyConstraints.designatorOf(DiskImagePartitions.designatorOf(partition)),
                type.get());
        try (LoopDevices.LoopDevice loop = LoopDevices.attachRange(image.toString(), partition.offset(),
                partition.size())) {
            mountDevice(loop, type.get(), target);
        }
        return type.get();
    }

    private static void checkFileSystem(String name, Optional<PolicyConstraints.Applied> policy,
            dev.confext.core.api.PartitionDesignator designator, FilesystemType type) throws ImageMountException {
        if (policy.isPresent()) {
            PolicyConstraints.checkFileSystem(name, policy.get(), designator, type.kernelName());
        }
    }

    /** A LUKS volume cannot be mounted here: this library does not unlock LUKS (no device-mapper). */
    private static void refuseEncrypted(String name, String what, FilesystemType type) throws ImageMountException {
        if (type == FilesystemType.LUKS) {
            throw new ImageMountException(name, "Required key not available: " + what + " is encrypted (LUKS), and"
                    + " encrypted partitions are not supported (no LUKS unlocking)");
        }
    }

    /**
     * Mounts the file system on block device {@code device} (an activated dm-verity device) read-only at
     * {@code target}, refusing a type other than the one {@code policy} fixes for {@code designator}.
     *
     * @return the file system type found
     * @throws ImageMountException when the device holds no file system we can mount, or another than the policy's
     * @throws MountException      when a mount call fails
     */
    static FilesystemType mountBlockDevice(String name, String device, Path target,
            Optional<PolicyConstraints.Applied> policy, dev.confext.core.api.PartitionDesignator designator)
            throws MountException {
        Optional<FilesystemType> type;
        try {
            type = FilesystemType.probe(Path.of(device));
        } catch (IOException e) {
            throw new ImageMountException(name, "Failed to read " + device + ": " + e.getMessage());
        }
        if (type.isEmpty() || type.get() == FilesystemType.GPT) {
            throw new ImageMountException(name, "Verity device " + device + " holds no file system that can be mounted");
        }
        refuseEncrypted(name, "verity device " + device, type.get());
        checkFileSystem(name, policy, designator, type.get());
        mountDevice(device, type.get(), target);
        return type.get();
    }

    private static void mountDevice(LoopDevices.LoopDevice loop, FilesystemType type, Path target)
            throws MountException {
        mountDevice(loop.path(), type, target);
    }

    private static void mountDevice(String device, FilesystemType type, Path target) throws MountException {
        try (Fd context = Kernel.fsopen(type.kernelName())) {
            Kernel.setString(context, "source", device);
            Kernel.setFlag(context, "ro");
            Kernel.create(context);
            try (Fd mount = Kernel.fsmount(context, IMAGE_ATTRIBUTES)) {
                Kernel.attach(mount, target.toString());
            }
        }
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
