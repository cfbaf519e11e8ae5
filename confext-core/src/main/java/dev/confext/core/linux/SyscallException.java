package dev.confext.core.linux;

import dev.confext.core.api.Errno;
import java.io.IOException;

/** A system call failed; {@link #errno()} is the number the kernel returned. */
public final class SyscallException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public SyscallException(String call, String path, int errno) {
        super(call + "(" + path + "): " + Errno.ofNumber(errno).text() + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** The raw Linux error number. */
    public int errno() {
        return errno;
    }

    /** The error as one of our names ({@link Errno#EIO} for numbers we do not name). */
    public Errno errnoName() {
        return Errno.ofNumber(errno);
    }
}
