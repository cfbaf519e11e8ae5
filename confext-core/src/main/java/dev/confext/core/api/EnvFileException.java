package dev.confext.core.api;

/** An env-file (os-release, extension-release) could not be read as a whole. */
public final class EnvFileException extends ConfextException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public EnvFileException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    public EnvFileException(Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** {@link Errno#EINVAL} for invalid UTF-8 and for a file over the size limit, else the read error. */
    public Errno errno() {
        return errno;
    }
}
