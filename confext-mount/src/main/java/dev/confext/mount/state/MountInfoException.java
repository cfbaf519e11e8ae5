package dev.confext.mount.state;

import dev.confext.mount.api.MountException;

/** A line of {@code /proc/self/mountinfo} does not have the documented shape. */
public final class MountInfoException extends MountException {
    private static final long serialVersionUID = 1L;

    public MountInfoException(String message) {
        super(message);
    }
}
