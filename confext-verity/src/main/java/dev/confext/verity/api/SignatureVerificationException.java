package dev.confext.verity.api;

/** A root-hash signature did not verify against the trusted certificates; {@link #reason()} says why. */
public final class SignatureVerificationException extends VerityException {
    private static final long serialVersionUID = 1L;

    /** Why a signature was refused. */
    public enum Reason {
        /** The image has no signature at all. */
        UNSIGNED,
        /** The bytes are not a DER PKCS#7 SignedData, or it has no signer. */
        MALFORMED,
        /** No certificate was found in the {@code verity.d} directories. */
        NO_TRUSTED_CERTIFICATES,
        /** A signer is not one of the trusted certificates (embedded certificates do not count). */
        SIGNER_NOT_TRUSTED,
        /** The signer is trusted but the signature does not match the root hash. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public SignatureVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignatureVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the signature was refused. */
    public Reason reason() {
        return reason;
    }
}
