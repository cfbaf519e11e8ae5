package dev.confext.verity.api;

import dev.confext.core.api.ConfextException;

/** A verity operation failed: bad parameters, a corrupted tree, an unreadable image, a bad signature. */
public class VerityException extends ConfextException {
    private static final long serialVersionUID = 1L;

    public VerityException(String message) {
        super(message);
    }

    public VerityException(String message, Throwable cause) {
        super(message, cause);
    }
}
