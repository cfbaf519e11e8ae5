package dev.confext.verity.api;

import dev.confext.verity.signature.Pkcs7Signatures;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Verifies and makes dm-verity root-hash signatures: detached DER PKCS#7 SignedData over the root hash's
 * lowercase hex text (no newline), without signed attributes, as {@code systemd-repart} and
 * {@code openssl smime -sign -binary -noattr -outform DER} produce them.
 *
 * <p>Stateless and thread-safe.
 */
public final class RootHashSignatures {
    private RootHashSignatures() {}

    /**
     * Checks {@code signature} as systemd's userspace verification does: every signer must be one of the
     * trusted certificates (found by issuer and serial number; certificates embedded in the signature are
     * not trusted by themselves), and no chain or validity period is checked.
     *
     * @param rootHash  the root hash the signature must sign
     * @param signature DER PKCS#7
     * @param trusted   the certificates allowed to sign
     * @return the root hash and the certificate that signed it
     * @throws SignatureVerificationException when the signature is malformed, there is no trusted certificate,
     *                                        the signer is not trusted or the signature does not match
     */
    public static VerifiedSignature verify(RootHash rootHash, byte[] signature, TrustedCertificates trusted)
            throws SignatureVerificationException {
        TrustedCertificate signer = Pkcs7Signatures.verify(signedContent(rootHash), signature, trusted.certificates());
        return new VerifiedSignature(rootHash, signer);
    }

    /**
     * Checks the signature that came with an image (signature partition or {@code .roothash.p7s}) against its
     * root hash, as {@link #verify(RootHash, byte[], TrustedCertificates)} does.
     *
     * @throws SignatureVerificationException with {@link SignatureVerificationException.Reason#UNSIGNED} when
     *                                        the image has no signature, otherwise as the other overload
     */
    public static VerifiedSignature verify(VerityInfo verity, TrustedCertificates trusted)
            throws SignatureVerificationException {
        if (verity.signature().isEmpty()) {
            throw new SignatureVerificationException(SignatureVerificationException.Reason.UNSIGNED,
                    "The image has no root hash signature");
        }
        return verify(verity.rootHash(), verity.signature().get().der(), trusted);
    }

    /**
     * Signs a root hash: detached, SHA-256, no signed attributes. With an RSA key the result is the same
     * bytes {@code openssl smime -sign -binary -noattr -md sha256 -outform DER} gives (add {@code -nocerts}
     * when {@code embedCertificate} is false).
     *
     * @param embedCertificate include the signer certificate, as {@code systemd-repart} does
     * @throws IllegalArgumentException when the key cannot sign (RSA, EC and Ed25519 keys can)
     */
    public static byte[] sign(RootHash rootHash, PrivateKey key, X509Certificate certificate, boolean embedCertificate) {
        return Pkcs7Signatures.sign(signedContent(rootHash), key, certificate, embedCertificate);
    }

    /** The bytes a root-hash signature signs: the lowercase hex text, ASCII, no newline. */
    public static byte[] signedContent(RootHash rootHash) {
        return rootHash.hex().getBytes(StandardCharsets.US_ASCII);
    }
}
