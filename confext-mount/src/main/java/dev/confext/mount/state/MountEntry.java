package dev.confext.mount.state;

import java.util.List;
import java.util.Objects;

/**
 * One line of {@code /proc/self/mountinfo} (proc(5)), escapes decoded.
 *
 * @param mountId        unique id of the mount
 * @param parentId       id of the parent mount
 * @param major          major number of {@code st_dev} of files on this file system
 * @param minor          minor number
 * @param root           the directory of the file system that forms the mount's root
 * @param mountPoint     the mount point, relative to the process root
 * @param mountOptions   per-mount options ({@code ro}, {@code nodev}, ...)
 * @param optionalFields tagged fields ({@code shared:1}, {@code master:2}, ...)
 * @param fsType         file system type ({@code overlay}, {@code ext4}, ...; with a subtype as {@code fuse.sshfs})
 * @param source         mount source ({@code confext}, {@code /dev/sda1}, {@code none})
 * @param superOptions   per-superblock options as the kernel shows them (escapes kept; {@link MountInfo#splitOptions})
 */
public record MountEntry(long mountId, long parentId, int major, int minor, String root, String mountPoint,
        List<String> mountOptions, List<String> optionalFields, String fsType, String source, String superOptions) {
    public MountEntry {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(mountPoint, "mountPoint");
        mountOptions = List.copyOf(mountOptions);
        optionalFields = List.copyOf(optionalFields);
        Objects.requireNonNull(fsType, "fsType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(superOptions, "superOptions");
    }

    /** Whether the mount is read-only per mount ({@code ro} in the mount options). */
    public boolean readOnly() {
        return mountOptions.contains("ro");
    }
}
