package dev.confext.verity.api;

/**
 * An image cannot be used: a malformed or truncated partition table, a bad verity signature partition,
 * unusable sidecar files, or partitions that do not fit together.
 */
public class InvalidImageException extends VerityException {
    private static final long serialVersionUID = 1L;

    public InvalidImageException(String message) {
        super(message);
    }

    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
