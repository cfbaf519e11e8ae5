package dev.confext.verity.api;

/** The bytes where a verity superblock should be are not one this library can use. */
public class InvalidSuperblockException extends VerityException {
    private static final long serialVersionUID = 1L;

    /** Why: the offset asked for cannot hold a superblock, or the bytes there are not a valid one. */
    public enum Reason {
        /** The hash offset is not a multiple of 512 (veritysetup: "Unsupported VERITY hash offset."). */
        UNSUPPORTED_HASH_OFFSET,
        /** Missing, truncated or invalid superblock bytes. */
        INVALID_CONTENT
    }

    private final Reason reason;

    public InvalidSuperblockException(String message) {
        this(Reason.INVALID_CONTENT, message, null);
    }

    public InvalidSuperblockException(String message, Throwable cause) {
        this(cause instanceof InvalidSuperblockException ? ((InvalidSuperblockException) cause).reason
                : Reason.INVALID_CONTENT, message, cause);
    }

    public InvalidSuperblockException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
