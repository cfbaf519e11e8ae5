package dev.confext.verity.api;

import java.util.Optional;

/**
 * The outcome of verifying a data file and hash tree against a root hash.
 *
 * @param geometry the layout that was checked
 * @param failure the first failure, or empty when everything matched
 */
public record VerificationResult(VerityGeometry geometry, Optional<VerityFailure> failure) {
    public VerificationResult {
        java.util.Objects.requireNonNull(geometry, "geometry");
        java.util.Objects.requireNonNull(failure, "failure");
    }

    /** Whether every data block, every hash block and the root hash matched. */
    public boolean intact() {
        return failure.isEmpty();
    }
}
