package dev.confext.verity.api;

/**
 * A root-hash signature that verified.
 *
 * @param rootHash the root hash it signs
 * @param signer   the trusted certificate that made it
 */
public record VerifiedSignature(RootHash rootHash, TrustedCertificate signer) {
}
