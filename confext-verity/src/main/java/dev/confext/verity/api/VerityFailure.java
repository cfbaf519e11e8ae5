package dev.confext.verity.api;

/**
 * The first problem a verification found, in the order {@code veritysetup verify} checks: level 0
 * first (every data block, in order), then each upper level, then the root hash.
 *
 * @param kind what is wrong
 * @param level the tree level whose stored contents disagree (0 = digests of data blocks); for
 *     {@link Kind#ROOT_MISMATCH} the number of levels
 * @param position byte offset veritysetup reports: for {@link Kind#DIGEST_MISMATCH} the start of the
 *     block whose digest differs (in the data file for level 0, in the hash file above); for
 *     {@link Kind#SPARE_NOT_ZERO} the start, in the hash file, of the spare area holding a non-zero
 *     byte; -1 for {@link Kind#ROOT_MISMATCH}
 */
public record VerityFailure(Kind kind, int level, long position) {
    /** Kinds of failure. */
    public enum Kind {
        /** A stored digest differs from the digest of the block it covers. */
        DIGEST_MISMATCH,
        /** Padding after a digest or after the last digest of a hash block is not zero. */
        SPARE_NOT_ZERO,
        /** Every stored digest matches, but the digest of the top block (or single data block) is not the root hash given. */
        ROOT_MISMATCH
    }

    /** veritysetup's message for this failure, e.g. {@code Verification failed at position 4096.} */
    public String message() {
        switch (kind) {
            case DIGEST_MISMATCH:
                return "Verification failed at position " + position + ".";
            case SPARE_NOT_ZERO:
                return "Spare area is not zeroed at position " + position + ".";
            default:
                return "Verification of root hash failed.";
        }
    }
}
