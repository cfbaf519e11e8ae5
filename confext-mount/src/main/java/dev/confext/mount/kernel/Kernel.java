package dev.confext.mount.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.confext.mount.api.KernelException;

/**
 * The Linux mount calls, one static method each, on x86-64. Every method either succeeds or throws a
 * {@link KernelException} that names the call, its subject and the errno. Nothing here decides anything.
 */
public final class Kernel {
    private Kernel() {}

    // x86-64 system call numbers.
    private static final long SYS_IOCTL = 16;
    private static final long SYS_STATX = 332;
    private static final long SYS_OPEN_TREE = 428;
    private static final long SYS_MOVE_MOUNT = 429;
    private static final long SYS_FSOPEN = 430;
    private static final long SYS_FSCONFIG = 431;
    private static final long SYS_FSMOUNT = 432;
    private static final long SYS_MOUNT_SETATTR = 442;

    static final long AT_FDCWD = -100;
    static final long AT_SYMLINK_NOFOLLOW = 0x100;
    static final long AT_EMPTY_PATH = 0x1000;
    static final long AT_RECURSIVE = 0x8000;
    static final long O_CLOEXEC = 0x80000;
    static final int O_RDONLY = 0;
    static final int O_PATH = 0x200000;
    static final int O_DIRECTORY = 0x10000;

    private static final long OPEN_TREE_CLONE = 1;
    private static final long FSOPEN_CLOEXEC = 1;
    private static final long FSMOUNT_CLOEXEC = 1;
    private static final long FSCONFIG_SET_FLAG = 0;
    private static final long FSCONFIG_SET_STRING = 1;
    private static final long FSCONFIG_SET_FD = 5;
    private static final long FSCONFIG_CMD_CREATE = 6;
    private static final long MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    private static final long MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    /** Linux 6.5: attach the moved mount beneath the top mount at the target. */
    private static final long MOVE_MOUNT_BENEATH = 0x200;
    private static final int MNT_DETACH = 2;
    private static final int UMOUNT_NOFOLLOW = 8;
    private static final long MS_BIND = 4096;

    private static LibC c() {
        return LibC.INSTANCE;
    }

    private static KernelException failure(String call, String subject) {
        int errno = Native.getLastError();
        return new KernelException(call, subject, errno, Errnos.name(errno), Errnos.text(errno));
    }

    /** {@code open(2)} with {@code O_CLOEXEC}. */
    public static Fd open(String path, int flags) throws KernelException {
        int fd = c().open(path, flags | (int) O_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("open", path);
        }
        return new Fd(fd, path);
    }

    /** An {@code O_PATH} descriptor of a directory or file, following symlinks. */
    public static Fd openPath(String path) throws KernelException {
        return open(path, O_PATH);
    }

    /** {@code ioctl(2)} with an integer argument; returns the result. */
    static long ioctl(Fd fd, long request, long argument, String name) throws KernelException {
        long r = c().syscall(SYS_IOCTL, (long) fd.number(), request, argument);
        if (r < 0) {
            throw failure(name, fd.what());
        }
        return r;
    }

    /** {@code ioctl(2)} with a pointer argument. */
    static long ioctl(Fd fd, long request, Pointer argument, String name) throws KernelException {
        long r = c().syscall(SYS_IOCTL, (long) fd.number(), request, argument);
        if (r < 0) {
            throw failure(name, fd.what());
        }
        return r;
    }

    /** {@code fsopen(2)}: a new file system context of {@code type} (e.g. {@code erofs}, {@code overlay}). */
    public static Fd fsopen(String type) throws KernelException {
        long fd = c().syscall(SYS_FSOPEN, type, FSOPEN_CLOEXEC);
        if (fd < 0) {
            throw failure("fsopen", type);
        }
        return new Fd((int) fd, "fs context " + type);
    }

    /** {@code fsconfig(FSCONFIG_SET_STRING)}. */
    public static void setString(Fd context, String key, String value) throws KernelException {
        long r = c().syscall(SYS_FSCONFIG, (long) context.number(), FSCONFIG_SET_STRING, key, value, 0L);
        if (r < 0) {
            throw failure("fsconfig", context.what() + " " + key + "=" + value);
        }
    }

    /** {@code fsconfig(FSCONFIG_SET_FLAG)}, e.g. {@code ro}. */
    public static void setFlag(Fd context, String key) throws KernelException {
        long r = c().syscall(SYS_FSCONFIG, (long) context.number(), FSCONFIG_SET_FLAG, key, Pointer.NULL, 0L);
        if (r < 0) {
            throw failure("fsconfig", context.what() + " " + key);
        }
    }

    /** {@code fsconfig(FSCONFIG_SET_FD)}, e.g. {@code lowerdir+} with a directory descriptor (Linux 6.8). */
    public static void setFd(Fd context, String key, Fd value) throws KernelException {
        long r = c().syscall(SYS_FSCONFIG, (long) context.number(), FSCONFIG_SET_FD, key, Pointer.NULL,
                (long) value.number());
        if (r < 0) {
            throw failure("fsconfig", context.what() + " " + key + "=" + value.what());
        }
    }

    /** {@code fsconfig(FSCONFIG_CMD_CREATE)}: creates the superblock. */
    public static void create(Fd context) throws KernelException {
        long r = c().syscall(SYS_FSCONFIG, (long) context.number(), FSCONFIG_CMD_CREATE, Pointer.NULL, Pointer.NULL,
                0L);
        if (r < 0) {
            throw failure("fsconfig", context.what() + " create");
        }
    }

    /** {@code fsmount(2)}: a detached mount of the created superblock, with {@code MOUNT_ATTR_*} bits. */
    public static Fd fsmount(Fd context, long attributes) throws KernelException {
        long fd = c().syscall(SYS_FSMOUNT, (long) context.number(), FSMOUNT_CLOEXEC, attributes);
        if (fd < 0) {
            throw failure("fsmount", context.what());
        }
        return new Fd((int) fd, "detached mount of " + context.what().replace("fs context ", ""));
    }

    /**
     * {@code open_tree(OPEN_TREE_CLONE | AT_RECURSIVE)}: a detached copy of the mount tree at {@code path}
     * (a bind mount that is attached nowhere yet).
     */
    public static Fd cloneTree(String path, boolean recursive) throws KernelException {
        long flags = OPEN_TREE_CLONE | O_CLOEXEC | (recursive ? AT_RECURSIVE : 0);
        long fd = c().syscall(SYS_OPEN_TREE, AT_FDCWD, path, flags);
        if (fd < 0) {
            throw failure("open_tree", path);
        }
        return new Fd((int) fd, "detached copy of " + path);
    }

    /** {@code move_mount(2)}: attaches a detached mount (or moves a mount) onto {@code target}. */
    public static void attach(Fd mount, String target) throws KernelException {
        long r = c().syscall(SYS_MOVE_MOUNT, (long) mount.number(), "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH);
        if (r < 0) {
            throw failure("move_mount", mount.what() + " -> " + target);
        }
    }

    /** {@code move_mount(2)} of the mount at {@code from} to {@code to} (both paths of the caller's namespace). */
    public static void move(String from, String to) throws KernelException {
        long r = c().syscall(SYS_MOVE_MOUNT, AT_FDCWD, from, AT_FDCWD, to, 0L);
        if (r < 0) {
            throw failure("move_mount", from + " -> " + to);
        }
    }

    /** {@code move_mount(2)} onto a path relative to a directory descriptor (e.g. inside a detached tree). */
    public static void attachAt(Fd mount, Fd directory, String relativeTarget) throws KernelException {
        long flags = MOVE_MOUNT_F_EMPTY_PATH | (relativeTarget.isEmpty() ? MOVE_MOUNT_T_EMPTY_PATH : 0);
        long r = c().syscall(SYS_MOVE_MOUNT, (long) mount.number(), "", (long) directory.number(), relativeTarget,
                flags);
        if (r < 0) {
            throw failure("move_mount", mount.what() + " -> " + directory.what() + "/" + relativeTarget);
        }
    }

    /**
     * {@code move_mount(MOVE_MOUNT_BENEATH)} (Linux 6.5): attaches {@code mount} beneath the top mount at
     * {@code target}, so that unmounting the top one uncovers it without a gap.
     */
    public static void attachBeneath(Fd mount, String target) throws KernelException {
        long r = c().syscall(SYS_MOVE_MOUNT, (long) mount.number(), "", AT_FDCWD, target,
                MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_BENEATH);
        if (r < 0) {
            throw failure("move_mount", mount.what() + " beneath " + target);
        }
    }

    /** {@code mount_setattr(2)} on a mount given by descriptor (detached or attached). */
    public static void setAttributes(Fd mount, long set, long clear, boolean recursive) throws KernelException {
        mountSetattr(mount.number(), "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), set, clear, 0,
                mount.what());
    }

    /** {@code mount_setattr(2)} on a path. */
    public static void setAttributes(String path, long set, long clear, boolean recursive) throws KernelException {
        mountSetattr(AT_FDCWD, path, recursive ? AT_RECURSIVE : 0, set, clear, 0, path);
    }

    /** Changes the propagation type ({@code MS_PRIVATE}, {@code MS_SLAVE}, ...) of a mount given by descriptor. */
    public static void setPropagation(Fd mount, long propagation, boolean recursive) throws KernelException {
        mountSetattr(mount.number(), "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), 0, 0, propagation,
                mount.what());
    }

    private static void mountSetattr(long dfd, String path, long flags, long set, long clear, long propagation,
            String subject) throws KernelException {
        try (Memory attr = new Memory(32)) {
            attr.clear();
            attr.setLong(0, set);
            attr.setLong(8, clear);
            attr.setLong(16, propagation);
            long r = c().syscall(SYS_MOUNT_SETATTR, dfd, path, flags, attr, 32L);
            if (r < 0) {
                throw failure("mount_setattr", subject);
            }
        }
    }

    /** Plain {@code mount(2)} for propagation changes, e.g. {@code MS_SLAVE | MS_REC} on {@code /run}. */
    public static void changePropagation(String path, long flags) throws KernelException {
        if (c().mount("none", path, null, flags, Pointer.NULL) < 0) {
            throw failure("mount", path);
        }
    }

    /**
     * Plain {@code mount(2)} of a file system with an option string. Used where the new API's 256-byte
     * limit on one {@code fsconfig} string value is too small (an overlay with many layers).
     */
    public static void mountFilesystem(String source, String target, String type, long flags, String data)
            throws KernelException {
        com.sun.jna.Memory options = null;
        try {
            byte[] bytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            options = new com.sun.jna.Memory(bytes.length + 1L);
            options.write(0, bytes, 0, bytes.length);
            options.setByte(bytes.length, (byte) 0);
            if (c().mount(source, target, type, flags, options) < 0) {
                throw failure("mount", type + " on " + target + " (" + data + ")");
            }
        } finally {
            if (options != null) {
                options.close();
            }
        }
    }

    /** A non-recursive bind mount of {@code path} onto itself (plain {@code mount(2)} with {@code MS_BIND}). */
    public static void bindSelf(String path) throws KernelException {
        if (c().mount(path, path, null, MS_BIND, Pointer.NULL) < 0) {
            throw failure("mount", path + " (bind)");
        }
    }

    /** {@code umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW)}: lazily detaches the top mount at {@code path}. */
    public static void detach(String path) throws KernelException {
        if (c().umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW) < 0) {
            throw failure("umount2", path);
        }
    }

    /** Like {@link #detach} but returns the errno instead of throwing (0 on success). */
    public static int tryDetach(String path) {
        if (c().umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW) < 0) {
            return Native.getLastError();
        }
        return 0;
    }

    /**
     * {@code unshare(CLONE_NEWNS)} for the calling thread only: the thread gets a private copy of the mount
     * namespace (and its own root and working directory), the rest of the process stays where it was.
     */
    public static void unshareMountNamespace() throws KernelException {
        if (c().unshare(0x00020000) < 0) {
            throw failure("unshare", "CLONE_NEWNS");
        }
    }

    /** Device number ({@code major:minor}) and unique mount id of what {@code fd} refers to, via {@code statx(2)}. */
    public static StatxResult statx(Fd fd) throws KernelException {
        return statx(fd.number(), "", AT_EMPTY_PATH, fd.what());
    }

    /** {@code statx(2)} of a path, not following a final symlink. */
    public static StatxResult statx(String path) throws KernelException {
        return statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, path);
    }

    private static StatxResult statx(long dfd, String path, long flags, String subject) throws KernelException {
        final long statxBasicAndMntId = 0x7ffL | 0x1000L | 0x4000L; // BASIC_STATS | MNT_ID | MNT_ID_UNIQUE
        try (Memory buf = new Memory(256)) {
            buf.clear();
            long r = c().syscall(SYS_STATX, dfd, path, flags, statxBasicAndMntId, buf);
            if (r < 0) {
                throw failure("statx", subject);
            }
            int mode = buf.getShort(28) & 0xffff;
            return new StatxResult(buf.getInt(136), buf.getInt(140), buf.getLong(32), mode, buf.getLong(144),
                    (buf.getLong(8) & 0x2000L) != 0);
        }
    }

    /**
     * What {@code statx} says.
     *
     * @param devMajor  major of {@code st_dev}
     * @param devMinor  minor of {@code st_dev}
     * @param inode     {@code st_ino}
     * @param mode      {@code st_mode}
     * @param mountId   the mount id (unique id when the kernel gives one)
     * @param mountRoot whether the path is the root of a mount ({@code STATX_ATTR_MOUNT_ROOT})
     */
    public record StatxResult(int devMajor, int devMinor, long inode, int mode, long mountId, boolean mountRoot) {
        /** {@code MAJOR:MINOR} as in the {@code dev} metadata file. */
        public String device() {
            return Integer.toUnsignedString(devMajor) + ":" + Integer.toUnsignedString(devMinor);
        }
    }
}
