package dev.confext.verity.api;

/** The bytes where a verity superblock should be are not one this library can use. */
public class InvalidSuperblockException extends VerityException {
    private static final long serialVersionUID = 1L;

    public InvalidSuperblockException(String message) {
        super(message);
    }

    public InvalidSuperblockException(String message, Throwable cause) {
        super(message, cause);
    }
}
