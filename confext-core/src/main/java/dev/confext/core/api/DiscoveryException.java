package dev.confext.core.api;

/** Image discovery failed as a whole (e.g. a symlink loop in a search directory). */
public final class DiscoveryException extends ConfextException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    /** Discovery failed with {@code errno}; the message is upstream's "Failed to discover images: ...". */
    public DiscoveryException(Errno errno, Throwable cause) {
        super("Failed to discover images: " + errno.text(), cause);
        this.errno = errno;
    }

    /** Why, as the kernel said it. */
    public Errno errno() {
        return errno;
    }
}
