package dev.confext.core.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The C library functions we call, bound with JNA direct mapping (much cheaper per call than interface
 * proxies, which matters for a resolver making three calls per path component). Paths are NUL-terminated
 * byte arrays in the file-name encoding of the JVM, so that they name the same files as {@code java.nio}.
 * Buffers are byte arrays in native byte order. Every function returns -1 and leaves errno
 * ({@code Native.getLastError()}) on failure.
 */
final class LibC {
    private LibC() {}

    /** Binds the natives; throws {@link LinkageError} when JNA or the C library is not usable. */
    static void bind() {
        // Touching the class runs the static initializer below exactly once.
    }

    static {
        Native.register(LibC.class, NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME));
    }

    static native int open(byte[] path, int flags, int mode);

    static native int openat(int dirfd, byte[] path, int flags, int mode);

    static native int mkdirat(int dirfd, byte[] path, int mode);

    static native long readlinkat(int dirfd, byte[] path, byte[] buffer, long size);

    static native int close(int fd);

    /** {@code syscall(2)} with the argument shape of {@code openat2(dirfd, path, how, size)}. */
    static native long syscall(long number, int dirfd, byte[] path, byte[] how, long size);

    static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buffer);

    static native int name_to_handle_at(int dirfd, byte[] path, byte[] handle, byte[] mountId, int flags);

    static native long readlink(byte[] path, byte[] buffer, long size);

    static native long getxattr(byte[] path, byte[] name, byte[] value, long size);
}
