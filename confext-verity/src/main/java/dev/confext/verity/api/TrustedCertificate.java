package dev.confext.verity.api;

import java.security.cert.X509Certificate;

/**
 * A certificate allowed to sign root hashes.
 *
 * @param certificate the X.509 certificate
 * @param source      where it was read from: the in-root path of the {@code .crt} file, or a description
 *                    for certificates given directly
 * @param fingerprint SHA-256 of its DER encoding, lowercase hex (what DDI signature partitions call
 *                    {@code certificateFingerprint})
 */
public record TrustedCertificate(X509Certificate certificate, String source, String fingerprint) {
}
