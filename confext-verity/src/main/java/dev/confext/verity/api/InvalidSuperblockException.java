package dev.confext.verity.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The bytes where a verity superblock should be are not one this library can use. {@link #getMessage()} says
 * what is wrong; {@link #veritySetupMessage()} is the line veritysetup prints for the same superblock before its
 * "Device ... is not a valid VERITY device.", for tools that print exactly what it prints.
 */
public class InvalidSuperblockException extends VerityException {
    private static final long serialVersionUID = 1L;

    /** Why the superblock is refused, in the order veritysetup checks. */
    public enum Reason {
        /** The hash offset is not a multiple of 512. */
        UNSUPPORTED_HASH_OFFSET,
        /** Missing or truncated bytes, or no {@code "verity\0\0"} signature: veritysetup prints no line of its own. */
        INVALID_CONTENT,
        /** A version other than 1. */
        UNSUPPORTED_VERSION,
        /** A hash type (format) above 1. */
        UNSUPPORTED_HASH_TYPE,
        /** A data or hash block size that is not a power of two from 512 to 524288. */
        UNSUPPORTED_BLOCK_SIZE,
        /** A digest name veritysetup does not know. */
        UNSUPPORTED_ALGORITHM,
        /** A salt size above 256 bytes. */
        CORRUPTED
    }

    private final Reason reason;
    private final String veritySetupMessage;

    public InvalidSuperblockException(String message) {
        this(Reason.INVALID_CONTENT, null, message, null);
    }

    /** Wraps {@code cause} with a message naming more context; an invalid superblock cause keeps its reason and line. */
    public InvalidSuperblockException(String message, Throwable cause) {
        this(cause instanceof InvalidSuperblockException s ? s.reason : Reason.INVALID_CONTENT,
                cause instanceof InvalidSuperblockException s ? s.veritySetupMessage : null, message, cause);
    }

    /**
     * @param veritySetupMessage veritysetup's line for this superblock, null when it prints none
     */
    public InvalidSuperblockException(Reason reason, String veritySetupMessage, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.veritySetupMessage = veritySetupMessage;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The line veritysetup prints for this superblock, such as "Unsupported VERITY version 7."; empty when it
     * prints none (no signature, too few bytes).
     */
    public Optional<String> veritySetupMessage() {
        return Optional.ofNullable(veritySetupMessage);
    }
}
