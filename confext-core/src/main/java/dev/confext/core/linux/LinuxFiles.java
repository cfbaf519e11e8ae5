package dev.confext.core.linux;

import static dev.confext.core.linux.LinuxSyscalls.AT_EMPTY_PATH;
import static dev.confext.core.linux.LinuxSyscalls.AT_FDCWD;
import static dev.confext.core.linux.LinuxSyscalls.AT_HANDLE_FID;
import static dev.confext.core.linux.LinuxSyscalls.AT_HANDLE_MNT_ID_UNIQUE;
import static dev.confext.core.linux.LinuxSyscalls.AT_NO_AUTOMOUNT;
import static dev.confext.core.linux.LinuxSyscalls.AT_STATX_DONT_SYNC;
import static dev.confext.core.linux.LinuxSyscalls.AT_SYMLINK_NOFOLLOW;
import static dev.confext.core.linux.LinuxSyscalls.O_PATH;

import dev.confext.core.api.FileIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Facts about a file that plain {@code java.nio} does not give, computed the way systemd computes the
 * fields of its refresh-skip {@code origin} document, so that both write equal values for the same inode:
 *
 * <ul>
 *   <li>{@link #identity}: the file handle from {@code name_to_handle_at(AT_HANDLE_FID)} (falling back to
 *       a plain handle on kernels without FID handles, and to none), and the mount id: the 64-bit unique id
 *       from the handle call ({@code AT_HANDLE_MNT_ID_UNIQUE}), else from {@code statx(STATX_MNT_ID_UNIQUE)},
 *       else the classic mount id;</li>
 *   <li>{@link #crtimeUsec}: the older of statx birth time and the little-endian {@code user.crtime_usec}
 *       xattr, 0 when neither exists;</li>
 *   <li>{@link #mtimeUsec}: {@code st_mtim} in microseconds (nanoseconds truncated).</li>
 * </ul>
 *
 * All methods follow symlinks in {@code path} unless they say otherwise. Without JNA they fall back to
 * {@code java.nio}: no handle, mount id -1, birth time as far as NIO reports one.
 */
public final class LinuxFiles {
    private static final int INITIAL_HANDLE_SIZE = 128;
    private static final long USEC_PER_SEC = 1_000_000L;

    private LinuxFiles() {}

    /** The identity fields of the origin document for the inode at {@code path} (symlinks followed). */
    public static FileIdentity identity(Path path) throws IOException {
        return identity(LinuxSyscalls.get(), path);
    }

    static FileIdentity identity(Optional<LinuxSyscalls> sys, Path path) throws IOException {
        if (sys.isEmpty()) {
            long dev = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
            return new FileIdentity(dev, ino, -1, 0, Optional.empty());
        }
        LinuxSyscalls s = sys.get();
        int fd = open(s, path);
        try {
            return identity(s, fd);
        } finally {
            s.close(fd);
        }
    }

    /** {@link #identity(Path)} for an open descriptor (an {@code O_PATH} one is enough). */
    static FileIdentity identity(LinuxSyscalls s, int fd) throws IOException {
        Statx st = s.statx(fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, Statx.STATX_TYPE | Statx.STATX_INO);
        long dev = encodeDevice(st.devMajor(), st.devMinor());
        Optional<Handle> handle = handleTryingFid(s, fd);
        long mountId;
        if (handle.isPresent()) {
            mountId = handle.get().mountId();
        } else {
            mountId = mountId(s, fd);
        }
        return new FileIdentity(dev, st.inode(), mountId, handle.map(Handle::type).orElse(0),
                handle.map(h -> HexFormat.of().formatHex(h.bytes())));
    }

    /**
     * Birth time in microseconds: the older of the statx birth time and the {@code user.crtime_usec} xattr
     * (a little-endian 64-bit µs value; 0 and all-ones are ignored), or 0 when neither is there.
     */
    public static long crtimeUsec(Path path) throws IOException {
        return crtimeUsec(LinuxSyscalls.get(), path);
    }

    static long crtimeUsec(Optional<LinuxSyscalls> sys, Path path) throws IOException {
        long fromStatx = Long.MAX_VALUE;
        if (sys.isPresent()) {
            try {
                Statx st = sys.get().statx(AT_FDCWD, path.toString(), AT_STATX_DONT_SYNC, Statx.STATX_BTIME);
                if (st.has(Statx.STATX_BTIME) && st.btimeSec() != 0) {
                    fromStatx = st.btimeSec() * USEC_PER_SEC + Integer.toUnsignedLong(st.btimeNsec()) / 1000;
                }
            } catch (SyscallException e) {
                if (e.errno() == 2 || e.errno() == 20) {
                    throw new NoSuchFileException(path.toString());
                }
            }
        } else {
            fromStatx = nioBirthTime(path);
        }
        long fromXattr = Long.MAX_VALUE;
        Optional<byte[]> le;
        try {
            le = readUserXattr(sys, path, "user.crtime_usec");
        } catch (IOException e) {
            le = Optional.empty();
        }
        if (le.isPresent() && le.get().length == Long.BYTES) {
            long v = ByteBuffer.wrap(le.get()).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (v != 0 && v != -1) {
                fromXattr = v;
            }
        }
        long older = Long.compareUnsigned(fromStatx, fromXattr) <= 0 ? fromStatx : fromXattr;
        return older == Long.MAX_VALUE ? 0 : older;
    }

    /** Modification time in microseconds ({@code tv_sec * 10^6 + tv_nsec / 1000}). */
    public static long mtimeUsec(Path path) throws IOException {
        return mtimeUsec(LinuxSyscalls.get(), path);
    }

    static long mtimeUsec(Optional<LinuxSyscalls> sys, Path path) throws IOException {
        if (sys.isPresent()) {
            try {
                Statx st = sys.get().statx(AT_FDCWD, path.toString(), AT_STATX_DONT_SYNC, Statx.STATX_MTIME);
                return st.mtimeSec() * USEC_PER_SEC + Integer.toUnsignedLong(st.mtimeNsec()) / 1000;
            } catch (SyscallException e) {
                throw asNio(path, e);
            }
        }
        return Files.getLastModifiedTime(path).to(TimeUnit.MICROSECONDS);
    }

    /**
     * Whether {@code path} (not following a final symlink) is the root of a mount: statx
     * {@code STATX_ATTR_MOUNT_ROOT}, or the same inode as {@code /}.
     */
    public static boolean isMountPoint(Path path) throws IOException {
        return isMountPoint(LinuxSyscalls.get(), path);
    }

    static boolean isMountPoint(Optional<LinuxSyscalls> sys, Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        if (absolute.getNameCount() == 0) {
            return true;
        }
        if (sys.isPresent()) {
            try {
                Statx st = sys.get().statx(AT_FDCWD, absolute.toString(),
                        AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_DONT_SYNC, Statx.STATX_TYPE | Statx.STATX_INO);
                if ((st.attributes() & Statx.STATX_ATTR_MOUNT_ROOT) != 0) {
                    return true;
                }
            } catch (SyscallException e) {
                throw asNio(path, e);
            }
            return Files.isSameFile(absolute, Path.of("/"));
        }
        Object here = Files.getAttribute(absolute, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Path parent = absolute.getParent();
        Object above = Files.getAttribute(parent, "unix:dev");
        return !here.equals(above) || Files.isSameFile(absolute, Path.of("/"));
    }

    /** {@code st_dev} of {@code path} as {@code MAJOR:MINOR} (symlinks followed), as systemd writes it. */
    public static String device(Path path) throws IOException {
        return device(LinuxSyscalls.get(), path);
    }

    static String device(Optional<LinuxSyscalls> sys, Path path) throws IOException {
        if (sys.isPresent()) {
            try {
                return sys.get().statx(AT_FDCWD, path.toString(), AT_STATX_DONT_SYNC, Statx.STATX_TYPE).device();
            } catch (SyscallException e) {
                throw asNio(path, e);
            }
        }
        long dev = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
        return major(dev) + ":" + minor(dev);
    }

    /**
     * The value of extended attribute {@code name} (symlinks followed), or empty when it is not set.
     *
     * @param name the full name including its namespace, e.g. {@code user.verity.roothash}
     */
    public static Optional<byte[]> readUserXattr(Path path, String name) throws IOException {
        return readUserXattr(LinuxSyscalls.get(), path, name);
    }

    static Optional<byte[]> readUserXattr(Optional<LinuxSyscalls> sys, Path path, String name) throws IOException {
        if (sys.isPresent()) {
            try {
                return sys.get().getxattr(path.toString(), name);
            } catch (SyscallException e) {
                if (e.errno() == 95 /* EOPNOTSUPP: the file system has no xattrs */) {
                    return Optional.empty();
                }
                throw asNio(path, e);
            }
        }
        if (!name.startsWith("user.")) {
            return Optional.empty();
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
        if (view == null) {
            return Optional.empty();
        }
        String shortName = name.substring("user.".length());
        try {
            if (!view.list().contains(shortName)) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate(view.size(shortName));
            view.read(shortName, buffer);
            byte[] value = new byte[buffer.position()];
            buffer.flip().get(value);
            return Optional.of(value);
        } catch (FileSystemException e) {
            if (e instanceof NoSuchFileException) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** The major number of a glibc-encoded {@code dev_t}. */
    public static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
    }

    /** The minor number of a glibc-encoded {@code dev_t}. */
    public static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
    }

    /** Encodes major and minor numbers the way glibc's {@code makedev} does. */
    public static long encodeDevice(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0xffL) | ((mi & 0xffffff00L) << 12);
    }

    private record Handle(int type, byte[] bytes, long mountId) {}

    /** FID handle first, then (on an error that only means "not supported here") a plain one. */
    private static Optional<Handle> handleTryingFid(LinuxSyscalls s, int fd) throws SyscallException {
        try {
            return Optional.of(handleLoop(s, fd, AT_EMPTY_PATH | AT_HANDLE_FID));
        } catch (SyscallException e) {
            if (isFatalHandleError(e.errno())) {
                throw e;
            }
        }
        try {
            return Optional.of(handleLoop(s, fd, AT_EMPTY_PATH));
        } catch (SyscallException e) {
            if (isFatalHandleError(e.errno())) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /**
     * One handle query with buffer growth: asks for the unique mount id along with the handle; a kernel
     * that does not know that flag (EINVAL) is asked without it and the unique id is taken from statx,
     * falling back to the classic mount id the handle call returned.
     */
    private static Handle handleLoop(LinuxSyscalls s, int fd, int flags) throws SyscallException {
        int capacity = INITIAL_HANDLE_SIZE;
        while (true) {
            LinuxSyscalls.HandleResult r;
            boolean uniqueRejected = false;
            try {
                r = s.nameToHandleAt(fd, "", flags | AT_HANDLE_MNT_ID_UNIQUE, capacity);
                if (!r.overflowed()) {
                    return new Handle(r.type(), r.bytes(), r.mountId());
                }
            } catch (SyscallException e) {
                if (e.errno() != 22 /* EINVAL */) {
                    throw e;
                }
                uniqueRejected = true;
                r = null;
            }
            if (uniqueRejected) {
                r = s.nameToHandleAt(fd, "", flags, capacity);
                if (!r.overflowed()) {
                    long mountId = r.mountId();
                    try {
                        Statx st = s.statx(fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, Statx.STATX_MNT_ID_UNIQUE);
                        if (st.has(Statx.STATX_MNT_ID_UNIQUE)) {
                            mountId = st.mountId();
                        }
                    } catch (SyscallException e) {
                        // Keep the classic id.
                    }
                    return new Handle(r.type(), r.bytes(), mountId);
                }
            }
            if (r.needed() <= capacity) {
                throw new SyscallException("name_to_handle_at", "fd " + fd, 75);
            }
            capacity = r.needed();
        }
    }

    /** The unique mount id from statx, else the classic one. */
    private static long mountId(LinuxSyscalls s, int fd) throws SyscallException {
        int flags = AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_DONT_SYNC;
        Statx unique = s.statx(fd, "", flags, Statx.STATX_MNT_ID_UNIQUE);
        if (unique.has(Statx.STATX_MNT_ID_UNIQUE)) {
            return unique.mountId();
        }
        Statx classic = s.statx(fd, "", flags, Statx.STATX_MNT_ID);
        return classic.has(Statx.STATX_MNT_ID) ? classic.mountId() : -1;
    }

    /**
     * The mount id of {@code path} without following a final symlink: unique when the kernel has it, else
     * classic, else empty (no JNA).
     */
    public static Optional<Long> mountIdNoFollow(Path path) throws IOException {
        Optional<LinuxSyscalls> sys = LinuxSyscalls.get();
        if (sys.isEmpty()) {
            return Optional.empty();
        }
        int flags = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_DONT_SYNC;
        try {
            Statx unique = sys.get().statx(AT_FDCWD, path.toString(), flags, Statx.STATX_MNT_ID_UNIQUE);
            if (unique.has(Statx.STATX_MNT_ID_UNIQUE)) {
                return Optional.of(unique.mountId());
            }
            Statx classic = sys.get().statx(AT_FDCWD, path.toString(), flags, Statx.STATX_MNT_ID);
            return classic.has(Statx.STATX_MNT_ID) ? Optional.of(classic.mountId()) : Optional.empty();
        } catch (SyscallException e) {
            throw asNio(path, e);
        }
    }

    /** Errors that mean "no handle here" rather than "something is wrong" (as systemd classifies them). */
    private static boolean isFatalHandleError(int errno) {
        return switch (errno) {
            // EOPNOTSUPP, ENOTTY, ENOSYS, EAFNOSUPPORT, EPFNOSUPPORT, EPROTONOSUPPORT, ESOCKTNOSUPPORT,
            // ENOPROTOOPT, EPERM, EACCES, EOVERFLOW, EINVAL
            case 95, 25, 38, 97, 96, 93, 94, 92, 1, 13, 75, 22 -> false;
            default -> true;
        };
    }

    private static int open(LinuxSyscalls s, Path path) throws IOException {
        try {
            return s.open(path.toString(), O_PATH);
        } catch (SyscallException e) {
            throw asNio(path, e);
        }
    }

    private static long nioBirthTime(Path path) throws IOException {
        var attributes = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        // Without statx, JDK 17 reports the mtime as creation time when it has no birth time.
        if (attributes.creationTime().equals(attributes.lastModifiedTime())) {
            return Long.MAX_VALUE;
        }
        long usec = attributes.creationTime().to(TimeUnit.MICROSECONDS);
        return usec == 0 ? Long.MAX_VALUE : usec;
    }

    /** Turns a failed call into the {@code java.nio} exception for the same errno. */
    static IOException asNio(Path path, SyscallException e) {
        return switch (e.errno()) {
            case 2 -> (IOException) new NoSuchFileException(path.toString()).initCause(e);
            case 13, 1 -> (IOException) new java.nio.file.AccessDeniedException(path.toString()).initCause(e);
            default -> (IOException) new FileSystemException(path.toString(), null, e.errnoName().text()).initCause(e);
        };
    }
}
