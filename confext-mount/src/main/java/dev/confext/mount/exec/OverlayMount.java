package dev.confext.mount.exec;

import dev.confext.mount.api.KernelException;
import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.Kernel;
import dev.confext.mount.kernel.MountAttributes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The overlay file system of one merged hierarchy, as handed to the kernel: layer paths, optional
 * upper/work directories, per-mount flags and extra options. Immutable; {@link #mountAt} mounts it.
 *
 * <p>Why {@code mount(2)} and not {@code fsconfig}: the conformance facts (and tools reading
 * {@code /proc/self/mountinfo}) identify layers by the {@code lowerdir=} paths, which rules out fd-based
 * {@code lowerdir+}; and one {@code fsconfig} string value is limited to 256 bytes, too short for a
 * colon-joined list of several layers. The mount happens inside the executor's private namespace, at a
 * staging path nobody else can see, and reaches the caller as a detached clone ({@code open_tree}).
 *
 * @param source       {@code sysext} or {@code confext}
 * @param lowerDirs    lower directories, top to bottom, as paths of the private namespace
 * @param upperDir     the upper directory for a mutable merge
 * @param workDir      the work directory (with {@code upperDir})
 * @param readOnly     {@code ro}
 * @param nodev        {@code nodev}
 * @param nosuid       {@code nosuid}
 * @param noexec       {@code noexec}
 * @param extraOptions comma-separated extra options (overlay options and mount flag words such as
 *                     {@code noatime}), "" for none
 */
record OverlayMount(String source, List<Path> lowerDirs, Optional<Path> upperDir, Optional<Path> workDir,
        boolean readOnly, boolean nodev, boolean nosuid, boolean noexec, String extraOptions) {

    OverlayMount {
        lowerDirs = List.copyOf(lowerDirs);
    }

    /** The {@code lowerdir=} value: paths joined by {@code :}, each with {@code \} and {@code :} escaped. */
    String lowerDirOption() {
        StringBuilder value = new StringBuilder();
        for (Path p : lowerDirs) {
            if (value.length() > 0) {
                value.append(':');
            }
            value.append(escape(p.toString()));
        }
        return value.toString();
    }

    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** The per-mount attribute bits ({@code MOUNT_ATTR_*}). */
    long attributes() {
        long attributes = 0;
        attributes |= readOnly ? MountAttributes.RDONLY : 0;
        attributes |= nodev ? MountAttributes.NODEV : 0;
        attributes |= nosuid ? MountAttributes.NOSUID : 0;
        attributes |= noexec ? MountAttributes.NOEXEC : 0;
        for (String option : options()) {
            attributes |= flagWord(option);
        }
        return attributes;
    }

    private List<String> options() {
        return extraOptions.isEmpty() ? List.of() : List.of(extraOptions.split(","));
    }

    /** The attribute bit of a mount flag word given among the overlay options, 0 for real overlay options. */
    private static long flagWord(String option) {
        return switch (option) {
            case "noatime" -> MountAttributes.NOATIME;
            case "nodev" -> MountAttributes.NODEV;
            case "nosuid" -> MountAttributes.NOSUID;
            case "noexec" -> MountAttributes.NOEXEC;
            case "ro" -> MountAttributes.RDONLY;
            default -> 0;
        };
    }

    private static boolean isFlagWord(String option) {
        return switch (option) {
            case "noatime", "nodev", "nosuid", "noexec", "ro", "rw", "relatime", "atime", "dev", "suid", "exec",
                    "defaults" -> true;
            default -> false;
        };
    }

    /** The {@code MS_*} flags for plain {@code mount(2)} equal to {@link #attributes()}. */
    long mountFlags() {
        long a = attributes();
        long flags = 0;
        flags |= (a & MountAttributes.RDONLY) != 0 ? MountAttributes.MS_RDONLY : 0;
        flags |= (a & MountAttributes.NOSUID) != 0 ? MountAttributes.MS_NOSUID : 0;
        flags |= (a & MountAttributes.NODEV) != 0 ? MountAttributes.MS_NODEV : 0;
        flags |= (a & MountAttributes.NOEXEC) != 0 ? MountAttributes.MS_NOEXEC : 0;
        flags |= (a & MountAttributes.ATIME_MASK) == MountAttributes.NOATIME ? MountAttributes.MS_NOATIME : 0;
        return flags;
    }

    /**
     * The option string for plain {@code mount(2)}: {@code lowerdir=A:B[,upperdir=U,workdir=W][,OPTS]},
     * paths with {@code \}, {@code ,} and {@code :} escaped, mount flag words left to {@link #mountFlags()}.
     */
    String mountData() {
        StringBuilder data = new StringBuilder("lowerdir=");
        for (int i = 0; i < lowerDirs.size(); i++) {
            if (i > 0) {
                data.append(':');
            }
            data.append(escapeForData(lowerDirs.get(i).toString()));
        }
        if (upperDir.isPresent()) {
            data.append(",upperdir=").append(escapeForData(upperDir.get().toString()));
            data.append(",workdir=").append(escapeForData(workDir.orElseThrow().toString()));
        }
        for (String option : options()) {
            if (!option.isEmpty() && !isFlagWord(option)) {
                data.append(',').append(option);
            }
        }
        return data.toString();
    }

    private static String escapeForData(String path) {
        return path.replace("\\", "\\\\").replace(",", "\\,").replace(":", "\\:");
    }

    /**
     * Mounts the overlay at {@code target} with plain {@code mount(2)} (the option string may be up to a
     * page long, unlike one {@code fsconfig} value).
     *
     * @throws MountException naming the flags and options the kernel refused, in systemd's words
     */
    void mountAt(Path target) throws MountException {
        try {
            Kernel.mountFilesystem(source, target.toString(), "overlay", mountFlags(), mountData());
        } catch (KernelException e) {
            throw new MountException(failureMessage(target, e.errnoText()), e);
        }
    }

    /** "Failed to mount SOURCE (type overlay) on TARGET (FLAGS "DATA"): ERROR", as systemd reports it. */
    String failureMessage(Path target, String errorText) {
        return "Failed to mount " + source + " (type overlay) on " + target + " (" + mountFlagNames() + " \""
                + mountData() + "\"): " + errorText;
    }

    /** {@link #mountFlags()} as systemd prints them: {@code MS_RDONLY|MS_NODEV}, {@code 0} when none. */
    String mountFlagNames() {
        long flags = mountFlags();
        java.util.StringJoiner names = new java.util.StringJoiner("|");
        if ((flags & MountAttributes.MS_RDONLY) != 0) {
            names.add("MS_RDONLY");
        }
        if ((flags & MountAttributes.MS_NOSUID) != 0) {
            names.add("MS_NOSUID");
        }
        if ((flags & MountAttributes.MS_NODEV) != 0) {
            names.add("MS_NODEV");
        }
        if ((flags & MountAttributes.MS_NOEXEC) != 0) {
            names.add("MS_NOEXEC");
        }
        if ((flags & MountAttributes.MS_NOATIME) != 0) {
            names.add("MS_NOATIME");
        }
        return flags == 0 ? "0" : names.toString();
    }
}
