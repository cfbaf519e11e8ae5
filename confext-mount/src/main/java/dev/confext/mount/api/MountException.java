package dev.confext.mount.api;

import dev.confext.core.api.ConfextException;

/** Planning or applying a merge failed; the message says which hierarchy or image and why. */
public class MountException extends ConfextException {
    private static final long serialVersionUID = 1L;

    public MountException(String message) {
        super(message);
    }

    public MountException(String message, Throwable cause) {
        super(message, cause);
    }
}
