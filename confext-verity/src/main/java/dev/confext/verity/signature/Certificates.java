package dev.confext.verity.signature;

import dev.confext.verity.api.TrustedCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Small helpers around X.509 certificates. */
public final class Certificates {
    private Certificates() {}

    /** Wraps a certificate with its source and SHA-256 fingerprint. */
    public static TrustedCertificate trusted(X509Certificate certificate, String source) {
        return new TrustedCertificate(certificate, source, fingerprint(certificate));
    }

    /** SHA-256 of the DER encoding, lowercase hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256", "SUN");
            return HexFormat.of().formatHex(sha256.digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("A parsed certificate cannot be re-encoded", e);
        } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
