package dev.confext.verity.signature;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/** Reads the first PEM-armoured X.509 certificate of a text, as OpenSSL's {@code PEM_read_X509} does. */
public final class PemCertificate {
    private static final String[] LABELS = {"CERTIFICATE", "X509 CERTIFICATE"};

    private PemCertificate() {}

    /**
     * The first {@code -----BEGIN CERTIFICATE-----} block of {@code content}, decoded, or empty when there is
     * none or the first one is not a valid certificate.
     */
    public static Optional<X509Certificate> first(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int best = -1;
        String bestLabel = null;
        for (String label : LABELS) {
            int at = text.indexOf("-----BEGIN " + label + "-----");
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
                bestLabel = label;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        String begin = "-----BEGIN " + bestLabel + "-----";
        int bodyStart = best + begin.length();
        int end = text.indexOf("-----END " + bestLabel + "-----", bodyStart);
        if (end < 0) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(bodyStart, end).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return parseDer(der);
    }

    /** A DER certificate, or empty when it does not parse. Uses the JDK's own X.509 factory. */
    public static Optional<X509Certificate> parseDer(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return Optional.of((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
