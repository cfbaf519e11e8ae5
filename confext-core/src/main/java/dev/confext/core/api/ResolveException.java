package dev.confext.core.api;

/** A path inside a root could not be resolved; {@link #errno()} says why, as the kernel would. */
public final class ResolveException extends ConfextException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String path;

    public ResolveException(Errno errno, String path) {
        super(path + ": " + errno.text());
        this.errno = errno;
        this.path = path;
    }

    public ResolveException(Errno errno, String path, Throwable cause) {
        super(path + ": " + errno.text(), cause);
        this.errno = errno;
        this.path = path;
    }

    public Errno errno() {
        return errno;
    }

    /** The path as the caller gave it, inside the root. */
    public String path() {
        return path;
    }
}
