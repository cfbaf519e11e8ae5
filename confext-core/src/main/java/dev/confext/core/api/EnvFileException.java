package dev.confext.core.api;

/** An env-file (os-release, extension-release) could not be read as a whole. */
public final class EnvFileException extends ConfextException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    /** An env-file failure with the errno behind it. */
    public EnvFileException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    /** An env-file failure with the errno behind it and the I/O failure that caused it. */
    public EnvFileException(Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** {@link Errno#EINVAL} for invalid UTF-8 and for a file over the size limit, else the read error. */
    public Errno errno() {
        return errno;
    }
}
