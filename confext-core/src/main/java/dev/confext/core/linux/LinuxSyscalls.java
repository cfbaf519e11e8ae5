package dev.confext.core.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Thin, typed wrappers around the Linux calls the library needs ({@code openat2}, {@code statx},
 * {@code name_to_handle_at}, {@code readlink}, {@code getxattr}). Each failure becomes a
 * {@link SyscallException} carrying errno. Stateless and thread-safe.
 *
 * <p>{@link #get()} is empty when JNA cannot load the C library (or the JVM was started with
 * {@code -Dconfext.native=false}); callers then use their {@code java.nio} fallbacks.
 */
public final class LinuxSyscalls {
    public static final int O_RDONLY = 0;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_NO_AUTOMOUNT = 0x800;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_STATX_DONT_SYNC = 0x4000;
    public static final int AT_HANDLE_FID = 0x200;
    public static final int AT_HANDLE_MNT_ID_UNIQUE = 0x001;

    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_IN_ROOT = 0x10;

    /** {@code openat2} has the same number on every architecture that uses the common syscall table. */
    private static final long SYS_OPENAT2 = 437;
    private static final int OPEN_HOW_SIZE = 24;

    private static final Optional<LinuxSyscalls> INSTANCE = load();

    private final Charset charset;

    private LinuxSyscalls() {
        String jnu = System.getProperty("sun.jnu.encoding");
        Charset cs;
        try {
            cs = jnu == null ? StandardCharsets.UTF_8 : Charset.forName(jnu);
        } catch (RuntimeException e) {
            cs = StandardCharsets.UTF_8;
        }
        this.charset = cs;
    }

    /** The wrappers, or empty when native calls are not possible here. */
    public static Optional<LinuxSyscalls> get() {
        return INSTANCE;
    }

    private static Optional<LinuxSyscalls> load() {
        if ("false".equals(System.getProperty("confext.native")) || !Platform.isLinux()) {
            return Optional.empty();
        }
        try {
            LibC.bind();
            return Optional.of(new LinuxSyscalls());
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code open(path, flags)}; returns the new descriptor. */
    public int open(String path, int flags) throws SyscallException {
        int fd = LibC.open(c(path), flags | O_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("open", path);
        }
        return fd;
    }

    /** {@code openat(dirfd, path, flags)}; returns the new descriptor. */
    public int openat(int dirfd, String path, int flags) throws SyscallException {
        int fd = LibC.openat(dirfd, c(path), flags | O_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("openat", path);
        }
        return fd;
    }

    /** {@code mkdirat(dirfd, path, mode)} (the umask applies). */
    public void mkdirat(int dirfd, String path, int mode) throws SyscallException {
        if (LibC.mkdirat(dirfd, c(path), mode) < 0) {
            throw failure("mkdirat", path);
        }
    }

    /** The text of the symlink {@code path} relative to {@code dirfd}; {@code ""} reads an {@code O_PATH} link fd itself. */
    public String readlinkat(int dirfd, String path) throws SyscallException {
        byte[] cpath = c(path);
        for (int size = 256;; size *= 2) {
            byte[] buffer = new byte[size];
            long n = LibC.readlinkat(dirfd, cpath, buffer, size);
            if (n < 0) {
                throw failure("readlinkat", path.isEmpty() ? "fd " + dirfd : path);
            }
            if (n < size) {
                return new String(buffer, 0, (int) n, charset);
            }
        }
    }

    /**
     * {@code openat2(dirfd, path, {flags, 0, resolve})}.
     *
     * @throws SyscallException with ENOSYS on kernels before 5.6
     */
    public int openat2(int dirfd, String path, int flags, long resolve) throws SyscallException {
        ByteBuffer how = ByteBuffer.allocate(OPEN_HOW_SIZE).order(ByteOrder.nativeOrder());
        how.putLong(0, (flags | O_CLOEXEC) & 0xffffffffL).putLong(8, 0).putLong(16, resolve);
        long fd = LibC.syscall(SYS_OPENAT2, dirfd, c(path), how.array(), OPEN_HOW_SIZE);
        if (fd < 0) {
            throw failure("openat2", path);
        }
        return (int) fd;
    }

    /** Closes {@code fd}, ignoring errors (there is nothing useful to do with them). */
    public void close(int fd) {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }

    /** {@code statx(dirfd, path, flags, mask)}; use {@code ""} with {@link #AT_EMPTY_PATH} for the fd itself. */
    public Statx statx(int dirfd, String path, int flags, int mask) throws SyscallException {
        byte[] buffer = new byte[Statx.SIZE];
        if (LibC.statx(dirfd, c(path), flags, mask, buffer) < 0) {
            throw failure("statx", path.isEmpty() ? "fd " + dirfd : path);
        }
        return Statx.decode(ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder()));
    }

    /** The text of a symbolic link (also of {@code /proc} magic links). */
    public String readlink(String path) throws SyscallException {
        byte[] cpath = c(path);
        for (int size = 256;; size *= 2) {
            byte[] buffer = new byte[size];
            long n = LibC.readlink(cpath, buffer, size);
            if (n < 0) {
                throw failure("readlink", path);
            }
            if (n < size) {
                return new String(buffer, 0, (int) n, charset);
            }
        }
    }

    /** The value of an extended attribute (symlinks followed), or empty when it is not set. */
    public Optional<byte[]> getxattr(String path, String name) throws SyscallException {
        byte[] cpath = c(path);
        byte[] cname = c(name);
        for (int attempt = 0; attempt < 8; attempt++) {
            long size = LibC.getxattr(cpath, cname, null, 0);
            if (size < 0) {
                int errno = Native.getLastError();
                if (errno == 61 /* ENODATA */) {
                    return Optional.empty();
                }
                throw new SyscallException("getxattr", path, errno);
            }
            byte[] value = new byte[(int) size];
            long n = LibC.getxattr(cpath, cname, value, size);
            if (n >= 0) {
                return Optional.of(n == size ? value : Arrays.copyOf(value, (int) n));
            }
            int errno = Native.getLastError();
            if (errno == 61) {
                return Optional.empty();
            }
            if (errno != 34 /* ERANGE: grew meanwhile */) {
                throw new SyscallException("getxattr", path, errno);
            }
        }
        throw new SyscallException("getxattr", path, 34);
    }

    /**
     * One {@code name_to_handle_at(dirfd, path, handle, mount_id, flags)} call with a handle buffer of
     * {@code capacity} bytes. With {@link #AT_HANDLE_MNT_ID_UNIQUE} the kernel writes a 64-bit mount id.
     *
     * @return the handle and the mount id; on EOVERFLOW the exception's errno is 75 and
     *         {@link HandleResult#bytes()} is unused
     */
    public HandleResult nameToHandleAt(int dirfd, String path, int flags, int capacity) throws SyscallException {
        ByteBuffer handle = ByteBuffer.allocate(8 + capacity).order(ByteOrder.nativeOrder());
        handle.putInt(0, capacity);
        byte[] mountId = new byte[8];
        int r = LibC.name_to_handle_at(dirfd, c(path), handle.array(), mountId, flags);
        int bytes = handle.getInt(0);
        if (r < 0) {
            int errno = Native.getLastError();
            if (errno == 75 /* EOVERFLOW */) {
                return new HandleResult(0, null, 0, bytes);
            }
            throw new SyscallException("name_to_handle_at", path.isEmpty() ? "fd " + dirfd : path, errno);
        }
        ByteBuffer id = ByteBuffer.wrap(mountId).order(ByteOrder.nativeOrder());
        long mount = (flags & AT_HANDLE_MNT_ID_UNIQUE) != 0 ? id.getLong(0) : id.getInt(0) & 0xffffffffL;
        byte[] handleBytes = new byte[Math.min(bytes, capacity)];
        System.arraycopy(handle.array(), 8, handleBytes, 0, handleBytes.length);
        return new HandleResult(handle.getInt(4), handleBytes, mount, bytes);
    }

    /**
     * What {@link #nameToHandleAt} returned.
     *
     * @param type      the handle type
     * @param bytes     the handle bytes, null when the buffer was too small
     * @param mountId   the mount id written by the kernel
     * @param needed    the handle size the kernel reported (the size to retry with after EOVERFLOW)
     */
    public record HandleResult(int type, byte[] bytes, long mountId, int needed) {
        public boolean overflowed() {
            return bytes == null;
        }
    }

    private SyscallException failure(String call, String path) {
        return new SyscallException(call, path, Native.getLastError());
    }

    private byte[] c(String s) {
        byte[] encoded = s.getBytes(charset);
        return Arrays.copyOf(encoded, encoded.length + 1);
    }
}
