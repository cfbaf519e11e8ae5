package dev.confext.mount.api;

/**
 * A system call failed. The message names the call, what it was applied to and the errno, e.g.
 * {@code "move_mount(/sysroot/etc): Invalid argument (EINVAL)"}.
 */
public final class KernelException extends MountException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String errnoText;

    public KernelException(String call, String subject, int errno, String errnoName, String errnoText) {
        super(call + "(" + subject + "): " + errnoText + " (" + errnoName + ")");
        this.call = call;
        this.errno = errno;
        this.errnoText = errnoText;
    }

    /** The errno's description, e.g. {@code Invalid argument}. */
    public String errnoText() {
        return errnoText;
    }

    /** The system call, e.g. {@code fsmount}. */
    public String call() {
        return call;
    }

    /** The Linux errno number. */
    public int errno() {
        return errno;
    }
}
