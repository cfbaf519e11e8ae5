package dev.confext.core.linux;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The C library functions we call through JNA. Paths are passed as NUL-terminated byte arrays in the
 * file-name encoding of the JVM, so that they name the same files as {@code java.nio} does. Every
 * function returns -1 and leaves errno ({@code Native.getLastError()}) on failure.
 */
public interface LibC extends Library {
    int open(byte[] path, int flags, int mode);

    int openat(int dirfd, byte[] path, int flags, int mode);

    int mkdirat(int dirfd, byte[] path, int mode);

    long readlinkat(int dirfd, byte[] path, byte[] buffer, long size);

    int close(int fd);

    /** {@code syscall(2)} with the argument shape of {@code openat2(dirfd, path, how, size)}. */
    long syscall(long number, int dirfd, byte[] path, Pointer how, long size);

    int statx(int dirfd, byte[] path, int flags, int mask, Pointer buffer);

    int name_to_handle_at(int dirfd, byte[] path, Pointer handle, Pointer mountId, int flags);

    long readlink(byte[] path, byte[] buffer, long size);

    long getxattr(byte[] path, byte[] name, byte[] value, long size);
}
