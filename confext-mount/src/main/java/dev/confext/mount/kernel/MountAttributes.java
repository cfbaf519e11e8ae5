package dev.confext.mount.kernel;

/** The {@code MOUNT_ATTR_*} bits of {@code fsmount(2)} and {@code mount_setattr(2)}. */
public final class MountAttributes {
    private MountAttributes() {}

    public static final long RDONLY = 0x1;
    public static final long NOSUID = 0x2;
    public static final long NODEV = 0x4;
    public static final long NOEXEC = 0x8;
    /** Mask of the three access-time choices. */
    public static final long ATIME_MASK = 0x70;
    public static final long RELATIME = 0x0;
    public static final long NOATIME = 0x10;

    /** {@code MS_*} flags of plain {@code mount(2)}. */
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_NOATIME = 1024;

    /** Propagation types for {@link Kernel#setPropagation}. */
    public static final long MS_REC = 0x4000;
    public static final long MS_PRIVATE = 1L << 18;
    public static final long MS_SLAVE = 1L << 19;
    public static final long MS_SHARED = 1L << 20;
}
