package dev.confext.mount.origin;

import dev.confext.mount.api.MountException;

/** A verity root hash next to an image is present but cannot be used. */
public final class InvalidRootHashException extends MountException {
    private static final long serialVersionUID = 1L;

    public InvalidRootHashException(String message) {
        super(message);
    }
}
