package dev.confext.verity.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A root-hash signature found with an image (not yet verified).
 *
 * <p>Immutable.
 */
public final class VeritySignature {
    /** Where a signature came from. */
    public enum Source {
        /** The JSON of a {@code root-verity-sig}/{@code usr-verity-sig} partition. */
        SIGNATURE_PARTITION,
        /** A {@code .roothash.p7s} / {@code .usrhash.p7s} file next to the image. */
        SIDECAR_FILE
    }

    private final byte[] der;
    private final Source source;
    private final Optional<String> certificateFingerprint;

    /**
     * @param der                    the DER PKCS#7 bytes (copied)
     * @param source                 where it came from
     * @param certificateFingerprint the signature partition's {@code certificateFingerprint}, if any
     */
    public VeritySignature(byte[] der, Source source, Optional<String> certificateFingerprint) {
        this.der = der.clone();
        this.source = Objects.requireNonNull(source);
        this.certificateFingerprint = Objects.requireNonNull(certificateFingerprint);
    }

    /** A copy of the DER PKCS#7 bytes. */
    public byte[] der() {
        return der.clone();
    }

    /** Where the signature was found. */
    public Source source() {
        return source;
    }

    /** SHA-256 of the signer's certificate as the signature partition states it (not checked by systemd). */
    public Optional<String> certificateFingerprint() {
        return certificateFingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VeritySignature s && Arrays.equals(s.der, der) && s.source == source
                && s.certificateFingerprint.equals(certificateFingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(der), source, certificateFingerprint);
    }

    @Override
    public String toString() {
        return "VeritySignature[" + der.length + " bytes from " + source + "]";
    }
}
